import { Inject } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import { ManualTransactionCommandHandler } from '@keel/messaging';
import { randomUUID } from 'node:crypto';
import { AuditTrail } from '@keel/kernel';
import { ValidationError } from '@keel/kernel/domain';
import { Email, InvalidCredentialsError, type User, USER_REPOSITORY, type UserRepository } from '../../../domain';
import { type LoginAttempt, LoginLockout } from '../../login-lockout.service';
import { PASSWORD_HASHER, type PasswordHasher } from '../../ports/password-hasher.port';
import { SessionIssuer } from '../../session-issuer.service';
import { LogInCommand, type LogInResult } from './log-in.command';

/**
 * Password login without account enumeration: an unknown email costs the same
 * argon2 verification (against a dummy hash), gets the same 401, and counts
 * towards the same lockouts as a wrong password for a real account. Lockouts
 * are per client and account, so other clients' failures never lock out a
 * device that logged into the account before (LoginLockout, ADR 0013).
 */
@ManualTransactionCommandHandler(LogInCommand)
export class LogInHandler implements ICommandHandler<LogInCommand> {
  constructor(
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    private readonly sessions: SessionIssuer,
    private readonly lockout: LoginLockout,
    private readonly audit: AuditTrail,
  ) {}

  async execute(command: LogInCommand): Promise<LogInResult> {
    const user = await this.findUser(command.email);
    // A locked client is refused even the right password: otherwise the lock would not slow guessing down.
    const attempt = await this.lockout.admit(command.email, user?.id, command.client);
    if (!user || !(await this.hasher.verify(user.passwordHash, command.password))) {
      if (!user) await this.hasher.verifyAgainstDummy(command.password);
      await this.lockout.recordFailure(attempt);
      throw new InvalidCredentialsError();
    }
    return this.startSession(user, attempt);
  }

  @Transactional()
  private async startSession(user: User, attempt: LoginAttempt): Promise<LogInResult> {
    const deviceId = await this.lockout.recordSuccess(attempt, user.id);
    // Each login starts a new token family: revoking one device's chain leaves the others alone.
    const pair = await this.sessions.issue(user, randomUUID(), new Date());
    // An admin session is audited with the session it opens (same transaction); the request has no caller yet, so the actor is named.
    if (user.hasRole('admin')) {
      await this.audit.record({ action: 'admin.logged-in', target: { type: 'user', id: user.id }, actor: { id: user.id, role: 'admin' } });
    }
    return { pair, deviceId };
  }

  private async findUser(rawEmail: string) {
    try {
      return await this.users.findByEmail(Email.create(rawEmail));
    } catch (error) {
      if (error instanceof ValidationError) return null; // same answer as an unknown email
      throw error;
    }
  }
}
