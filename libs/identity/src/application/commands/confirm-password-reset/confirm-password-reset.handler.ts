import { Inject } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import { actingRole, AuditTrail } from '@keel/kernel';
import { TransactionalCommandHandler } from '@keel/messaging';
import { assertAcceptablePassword, InvalidAccountTokenError, USER_REPOSITORY, type UserRepository } from '../../../domain';
import { AccountLinks } from '../../account-links.service';
import { LoginLockout } from '../../login-lockout.service';
import { PASSWORD_HASHER, type PasswordHasher } from '../../ports/password-hasher.port';
import { SessionRevoker } from '../../session-revoker.service';
import { ConfirmPasswordResetCommand } from './confirm-password-reset.command';

/**
 * Sets a new password with a reset token, in one transaction: the token is
 * spent (a second use is 400), every other reset link of the user dies, every
 * session ends, access tokens included (SessionRevoker.endAllSessions), and
 * every login lockout of the account is lifted (LoginLockout.unlockAccount), so
 * a reset is how the owner gets back in whatever happened. The link reached the
 * owner's mailbox, so it also verifies the address. The reset is audited in the
 * same transaction (`user.password-reset`): the request carries no bearer
 * token, so the actor is the account's owner, who proved it with the link.
 */
@TransactionalCommandHandler(ConfirmPasswordResetCommand)
export class ConfirmPasswordResetHandler implements ICommandHandler<ConfirmPasswordResetCommand> {
  constructor(
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    private readonly links: AccountLinks,
    private readonly sessions: SessionRevoker,
    private readonly lockout: LoginLockout,
    private readonly audit: AuditTrail,
  ) {}

  async execute(command: ConfirmPasswordResetCommand): Promise<void> {
    assertAcceptablePassword(command.newPassword, 'newPassword');
    const passwordHash = await this.hasher.hash(command.newPassword);
    const now = new Date();
    const userId = await this.links.consume('reset-password', command.token, now);
    const user = await this.users.findById(userId);
    if (!user) throw new InvalidAccountTokenError();
    user.changePasswordHash(passwordHash, now);
    user.markEmailVerified(now);
    await this.users.update(user);
    await this.links.spendAll(user.id, 'reset-password', now);
    await this.sessions.endAllSessions(user.id, now);
    await this.lockout.unlockAccount(user.email.value);
    // Never the password or its hash: only that it changed, and that the address is verified.
    await this.audit.record({
      action: 'user.password-reset',
      target: { type: 'user', id: user.id },
      after: { emailVerified: true },
      actor: { id: user.id, role: actingRole(user.roles) },
    });
  }
}
