import { Command } from '@nestjs/cqrs';

/**
 * `created`: there was no such account. `promoted`: a non-admin account had the
 * email; it is now the admin, with ADMIN_PASSWORD. `kept`: the admin exists and
 * keeps its password. `password-reset`: ADMIN_PASSWORD_RESET asked for it and
 * this password had not been applied yet, so it is now the admin's password.
 */
export type EnsureAdminOutcome = 'created' | 'promoted' | 'kept' | 'password-reset';

export class EnsureAdminCommand extends Command<EnsureAdminOutcome> {
  constructor(
    readonly email: string,
    readonly password: string,
    /** ADMIN_PASSWORD_RESET=true: make `password` the admin's password once (per password value). */
    readonly resetPassword = false,
  ) {
    super();
  }
}
