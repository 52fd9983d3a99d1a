import { Command } from '@nestjs/cqrs';
import type { LoginClient } from '../../login-lockout.service';

export class ChangePasswordCommand extends Command<void> {
  constructor(
    readonly userId: string,
    readonly currentPassword: string,
    readonly newPassword: string,
    /** Wrong current passwords count against this client's lockout on the account. */
    readonly client: LoginClient,
  ) {
    super();
  }
}
