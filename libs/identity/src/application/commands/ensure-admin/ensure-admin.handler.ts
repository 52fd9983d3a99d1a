import { Inject } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import { type AuditActor, AuditTrail } from '@keel/kernel';
import { TransactionalCommandHandler } from '@keel/messaging';
import { randomUUID } from 'node:crypto';
import {
  ADMIN_PASSWORD_RESET_REPOSITORY,
  type AdminPasswordResetRepository,
  assertAcceptablePassword,
  Email,
  User,
  USER_REPOSITORY,
  type UserRepository,
} from '../../../domain';
import { PASSWORD_HASHER, type PasswordHasher } from '../../ports/password-hasher.port';
import { SessionRevoker } from '../../session-revoker.service';
import { EnsureAdminCommand, type EnsureAdminOutcome } from './ensure-admin.command';

/**
 * Makes sure the ADMIN_EMAIL account exists and is an admin. It creates it
 * with ADMIN_PASSWORD when missing. A customer account that already had the
 * email (someone may have registered it first) is promoted only together with
 * taking ADMIN_PASSWORD, ending its sessions: whoever registered it does not
 * become admin. An existing admin's password is never touched: an admin who
 * changed it must not be reverted (and logged out) by the next deploy. Only an
 * explicit ADMIN_PASSWORD_RESET=true sets it, and
 * only once per ADMIN_PASSWORD value (remembered as an argon2 hash), so a flag
 * left set does not revert later changes either.
 */
@TransactionalCommandHandler(EnsureAdminCommand)
export class EnsureAdminHandler implements ICommandHandler<EnsureAdminCommand> {
  constructor(
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    @Inject(ADMIN_PASSWORD_RESET_REPOSITORY) private readonly resets: AdminPasswordResetRepository,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    private readonly sessions: SessionRevoker,
    private readonly audit: AuditTrail,
  ) {}

  async execute(command: EnsureAdminCommand): Promise<EnsureAdminOutcome> {
    const email = Email.create(command.email);
    assertAcceptablePassword(command.password, 'ADMIN_PASSWORD');
    const now = new Date();
    const existing = await this.users.findByEmail(email);
    if (!existing) {
      const passwordHash = await this.hasher.hash(command.password);
      // The operator chose this address: the admin never waits for a verification email.
      const admin = User.register({ id: randomUUID(), email, name: 'Administrator', passwordHash, now, emailVerified: true });
      admin.grantRole('admin', now);
      await this.users.insert(admin);
      if (command.resetPassword) await this.resets.recordApplied(admin.id, passwordHash, now);
      await this.auditRoleGrant(admin.id, ['customer'], admin.roles);
      return 'created';
    }
    let outcome: EnsureAdminOutcome;
    const rolesBefore = existing.roles;
    existing.markEmailVerified(now);
    if (!existing.hasRole('admin')) {
      existing.grantRole('admin', now);
      const passwordHash = await this.setPassword(existing, command.password, now);
      if (command.resetPassword) await this.resets.recordApplied(existing.id, passwordHash, now);
      outcome = 'promoted';
    } else {
      outcome = command.resetPassword ? await this.resetOnce(existing, command.password, now) : 'kept';
    }
    await this.users.update(existing);
    if (existing.roles.length !== rolesBefore.length) await this.auditRoleGrant(existing.id, rolesBefore, existing.roles);
    return outcome;
  }

  private async setPassword(user: User, password: string, now: Date): Promise<string> {
    if (await this.hasher.verify(user.passwordHash, password)) return user.passwordHash;
    const passwordHash = await this.hasher.hash(password);
    user.changePasswordHash(passwordHash, now);
    // A changed password ends every existing session, access tokens included.
    await this.sessions.endAllSessions(user.id, now);
    return passwordHash;
  }

  private async resetOnce(admin: User, password: string, now: Date): Promise<EnsureAdminOutcome> {
    const applied = await this.resets.findAppliedHash(admin.id);
    if (applied && (await this.hasher.verify(applied, password))) return 'kept'; // this reset was done already
    if (await this.hasher.verify(admin.passwordHash, password)) {
      // Already the password: remember it as applied, so a later change by the admin survives the flag.
      await this.resets.recordApplied(admin.id, admin.passwordHash, now);
      return 'kept';
    }
    await this.resets.recordApplied(admin.id, await this.setPassword(admin, password, now), now);
    return 'password-reset';
  }

  /** Boot work on the operator's configuration: no person is the caller. */
  private auditRoleGrant(userId: string, before: string[], after: string[]): Promise<void> {
    const actor: AuditActor = { id: null, role: 'system' };
    return this.audit.record({
      action: 'user.role-granted',
      target: { type: 'user', id: userId },
      before: { roles: before },
      after: { roles: after },
      actor,
    });
  }
}
