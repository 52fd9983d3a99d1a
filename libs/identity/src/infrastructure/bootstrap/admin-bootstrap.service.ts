import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { PROCESS_ROLE, type ProcessRole } from '@keel/kernel';
import { EnsureAdminCommand } from '../../application';
import { IdentityConfig } from '../../identity.environment';

/** When ADMIN_EMAIL and ADMIN_PASSWORD are both set, that admin exists after boot. There is no default admin. */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    private readonly commands: CommandBus,
    private readonly config: IdentityConfig,
    @Inject(PROCESS_ROLE) private readonly role: ProcessRole,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const email = this.config.get('ADMIN_EMAIL', { infer: true });
    const password = this.config.get('ADMIN_PASSWORD', { infer: true });
    // API instances own this; workers share the module but not the job.
    if (!email || !password || this.role !== 'api') return;
    const outcome = await this.commands.execute(new EnsureAdminCommand(email, password));
    this.logger.log(`Admin account ${outcome} from ADMIN_EMAIL`);
  }
}
