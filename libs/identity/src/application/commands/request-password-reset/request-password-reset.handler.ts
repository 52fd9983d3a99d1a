import { Inject } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '@keel/messaging';
import { Email, USER_REPOSITORY, type UserRepository } from '../../../domain';
import { RequestPasswordResetCommand } from './request-password-reset.command';

/**
 * Asks for a password reset email when the address has an account; otherwise
 * does nothing. Always a 202 to the caller; the worker sends the email with a
 * 30-minute single-use link.
 */
@TransactionalCommandHandler(RequestPasswordResetCommand)
export class RequestPasswordResetHandler implements ICommandHandler<RequestPasswordResetCommand> {
  constructor(@Inject(USER_REPOSITORY) private readonly users: UserRepository) {}

  async execute(command: RequestPasswordResetCommand): Promise<void> {
    const user = await this.users.findByEmail(Email.create(command.email));
    if (!user) return;
    user.requestPasswordReset();
    await this.users.update(user);
  }
}
