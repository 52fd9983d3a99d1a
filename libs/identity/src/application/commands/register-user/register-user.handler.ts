import { Inject } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '@keel/messaging';
import { randomUUID } from 'node:crypto';
import { assertAcceptablePassword, Email, EmailAlreadyRegisteredError, User, USER_REPOSITORY, type UserRepository } from '../../../domain';
import { PASSWORD_HASHER, type PasswordHasher } from '../../ports/password-hasher.port';
import { toUserView, type UserView } from '../../views/user.view';
import { RegisterUserCommand } from './register-user.command';

@TransactionalCommandHandler(RegisterUserCommand)
export class RegisterUserHandler implements ICommandHandler<RegisterUserCommand> {
  constructor(
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
  ) {}

  async execute(command: RegisterUserCommand): Promise<UserView> {
    const email = Email.create(command.email);
    assertAcceptablePassword(command.password);
    // Cheap pre-check to avoid hashing for a taken email; the unique index is the real guard.
    if (await this.users.findByEmail(email)) throw new EmailAlreadyRegisteredError();
    const user = User.register({
      id: randomUUID(),
      email,
      name: command.name,
      passwordHash: await this.hasher.hash(command.password),
      now: new Date(),
    });
    await this.users.insert(user);
    return toUserView(user);
  }
}
