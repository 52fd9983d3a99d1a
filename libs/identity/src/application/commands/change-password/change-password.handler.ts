import { Inject } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import { ManualTransactionCommandHandler } from '@keel/messaging';
import {
  assertAcceptablePassword,
  type User,
  USER_REPOSITORY,
  UserNotFoundError,
  type UserRepository,
  WrongCurrentPasswordError,
} from '../../../domain';
import { LoginLockout } from '../../login-lockout.service';
import { PASSWORD_HASHER, type PasswordHasher } from '../../ports/password-hasher.port';
import { SessionRevoker } from '../../session-revoker.service';
import { ChangePasswordCommand } from './change-password.command';

/**
 * Changes the caller's password after checking the current one, and revokes
 * every session of the user, refresh and access tokens (SessionRevoker):
 * whoever had a session (perhaps the reason for the change) must log in with
 * the new password. Wrong current passwords count towards the login lockout of
 * the calling client, so a stolen access token cannot be used to guess the password.
 */
@ManualTransactionCommandHandler(ChangePasswordCommand)
export class ChangePasswordHandler implements ICommandHandler<ChangePasswordCommand> {
  constructor(
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    private readonly sessions: SessionRevoker,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    private readonly lockout: LoginLockout,
  ) {}

  async execute(command: ChangePasswordCommand): Promise<void> {
    assertAcceptablePassword(command.newPassword, 'newPassword');
    const user = await this.users.findById(command.userId);
    if (!user) throw new UserNotFoundError();
    const attempt = await this.lockout.admit(user.email.value, user.id, command.client);
    if (!(await this.hasher.verify(user.passwordHash, command.currentPassword))) {
      await this.lockout.recordFailure(attempt);
      throw new WrongCurrentPasswordError();
    }
    await this.apply(user, await this.hasher.hash(command.newPassword));
  }

  @Transactional()
  private async apply(user: User, passwordHash: string): Promise<void> {
    const now = new Date();
    user.changePasswordHash(passwordHash, now);
    await this.users.update(user);
    await this.sessions.endAllSessions(user.id, now);
    // The owner proved the password: whatever locks the account had are over.
    await this.lockout.unlockAccount(user.email.value);
  }
}
