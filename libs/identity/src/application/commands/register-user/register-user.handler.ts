import { Inject } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '@keel/messaging';
import { randomUUID } from 'node:crypto';
import { assertAcceptablePassword, Email, User, USER_REPOSITORY, type UserRepository } from '../../../domain';
import { PASSWORD_HASHER, type PasswordHasher } from '../../ports/password-hasher.port';
import { RegisterUserCommand } from './register-user.command';

/**
 * Registers a customer without telling the caller whether the address was
 * taken (no account enumeration). Both paths do the same work, so they take
 * about the same time: validate, hash the password (argon2 dominates), write one
 * row and one outbox event in one transaction. A new address gets an unverified
 * account and a verification email; a taken one gets a "you already have an
 * account" email (with a password reset link) and the account is left as it was.
 * The emails are sent by the worker (notifications), never inside the request.
 */
@TransactionalCommandHandler(RegisterUserCommand)
export class RegisterUserHandler implements ICommandHandler<RegisterUserCommand> {
  constructor(
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
  ) {}

  async execute(command: RegisterUserCommand): Promise<void> {
    const email = Email.create(command.email);
    assertAcceptablePassword(command.password);
    const name = command.name.trim();
    User.assertValidName(name);
    // Hashed on both paths: skipping it for a taken address would make that answer measurably faster.
    const passwordHash = await this.hasher.hash(command.password);
    if (await this.users.insertIfEmailFree(User.register({ id: randomUUID(), email, name, passwordHash, now: new Date() }))) return;
    // Taken (perhaps by a concurrent registration that just committed): tell the owner, change nothing else.
    const existing = await this.users.findByEmail(email);
    if (!existing) return;
    existing.noteRegistrationAttempt();
    await this.users.update(existing);
  }
}
