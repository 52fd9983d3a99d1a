import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { PROCESS_ROLE, type ProcessRole } from '@keel/kernel';
import { EnsureAdminCommand } from '../../application';
import { IdentityConfig } from '../../identity.environment';

/**
 * When ADMIN_EMAIL and ADMIN_PASSWORD (or ADMIN_PASSWORD_FILE) are both set, that admin exists after boot; its
 * password is set when the account is created, and afterwards only by ADMIN_PASSWORD_RESET=true, once per
 * ADMIN_PASSWORD (EnsureAdminHandler). There is no default admin.
 */
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
    const reset = this.config.get('ADMIN_PASSWORD_RESET', { infer: true });
    const outcome = await this.commands.execute(new EnsureAdminCommand(email, password, reset));
    if (outcome === 'password-reset') {
      this.logger.warn('Admin password reset to ADMIN_PASSWORD (ADMIN_PASSWORD_RESET=true); its sessions ended. Unset the flag.');
    } else {
      this.logger.log(`Admin account ${outcome} from ADMIN_EMAIL`);
    }
  }
}
