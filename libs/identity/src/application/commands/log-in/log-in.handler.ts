import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import { randomUUID } from 'node:crypto';
import { ValidationError } from '@keel/platform/domain';
import { Email, InvalidCredentialsError, USER_REPOSITORY, type UserRepository } from '../../../domain';
import { PASSWORD_HASHER, type PasswordHasher } from '../../ports/password-hasher.port';
import { SessionIssuer } from '../../session-issuer.service';
import type { TokenPair } from '../../token-pair';
import { LogInCommand } from './log-in.command';

@CommandHandler(LogInCommand)
export class LogInHandler implements ICommandHandler<LogInCommand> {
  constructor(
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    private readonly sessions: SessionIssuer,
  ) {}

  @Transactional()
  async execute(command: LogInCommand): Promise<TokenPair> {
    const user = await this.findUser(command.email);
    if (!user) {
      await this.hasher.verifyAgainstDummy(command.password);
      throw new InvalidCredentialsError();
    }
    if (!(await this.hasher.verify(user.passwordHash, command.password))) throw new InvalidCredentialsError();
    // Each login starts a new token family: revoking one device's chain leaves the others alone.
    return this.sessions.issue(user, randomUUID(), new Date());
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
