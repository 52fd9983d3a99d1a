import { Inject } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '@keel/messaging';
import { assertAcceptablePassword, InvalidAccountTokenError, USER_REPOSITORY, type UserRepository } from '../../../domain';
import { AccountLinks } from '../../account-links.service';
import { LoginLockout } from '../../login-lockout.service';
import { PASSWORD_HASHER, type PasswordHasher } from '../../ports/password-hasher.port';
import { UserSessions } from '../../user-sessions.service';
import { ConfirmPasswordResetCommand } from './confirm-password-reset.command';

/**
 * Sets a new password with a reset token, in one transaction: the token is
 * spent (a second use is 400), every other reset link of the user dies, every
 * session ends (UserSessions.endAll) and the login lockout of the account is
 * lifted, so a reset is how the owner gets back in whatever happened. The link
 * reached the owner's mailbox, so it also verifies the address.
 */
@TransactionalCommandHandler(ConfirmPasswordResetCommand)
export class ConfirmPasswordResetHandler implements ICommandHandler<ConfirmPasswordResetCommand> {
  constructor(
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    private readonly links: AccountLinks,
    private readonly sessions: UserSessions,
    private readonly lockout: LoginLockout,
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
    await this.sessions.endAll(user.id, now);
    await this.lockout.clear(user.email.value);
  }
}
