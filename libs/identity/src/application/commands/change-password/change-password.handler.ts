import { Inject } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import { ManualTransactionCommandHandler } from '@keel/messaging';
import {
  assertAcceptablePassword,
  REFRESH_TOKEN_REPOSITORY,
  type RefreshTokenRepository,
  type User,
  USER_REPOSITORY,
  UserNotFoundError,
  type UserRepository,
  WrongCurrentPasswordError,
} from '../../../domain';
import { LoginLockout } from '../../login-lockout.service';
import { PASSWORD_HASHER, type PasswordHasher } from '../../ports/password-hasher.port';
import { ChangePasswordCommand } from './change-password.command';

/**
 * Changes the caller's password after checking the current one, and revokes
 * every refresh token of the user: whoever had a session (perhaps the reason
 * for the change) must log in with the new password. Access tokens already
 * issued stay valid until they expire (JWT_ACCESS_TTL_SECONDS). Wrong current
 * passwords count towards the login lockout, so a stolen access token cannot
 * be used to guess the password.
 */
@ManualTransactionCommandHandler(ChangePasswordCommand)
export class ChangePasswordHandler implements ICommandHandler<ChangePasswordCommand> {
  constructor(
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    @Inject(REFRESH_TOKEN_REPOSITORY) private readonly tokens: RefreshTokenRepository,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    private readonly lockout: LoginLockout,
  ) {}

  async execute(command: ChangePasswordCommand): Promise<void> {
    assertAcceptablePassword(command.newPassword, 'newPassword');
    const user = await this.users.findById(command.userId);
    if (!user) throw new UserNotFoundError();
    const email = user.email.value;
    await this.lockout.assertNotLocked(email);
    if (!(await this.hasher.verify(user.passwordHash, command.currentPassword))) {
      await this.lockout.recordFailure(email);
      throw new WrongCurrentPasswordError();
    }
    await this.apply(user, await this.hasher.hash(command.newPassword), email);
  }

  @Transactional()
  private async apply(user: User, passwordHash: string, email: string): Promise<void> {
    const now = new Date();
    user.changePasswordHash(passwordHash, now);
    await this.users.update(user);
    await this.tokens.revokeAllForUser(user.id, now);
    await this.lockout.clear(email);
  }
}
