import { Inject } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '@keel/messaging';
import { Email, USER_REPOSITORY, type UserRepository } from '../../../domain';
import { ResendVerificationEmailCommand } from './resend-verification-email.command';

/**
 * Asks for another verification email when the address has an unverified
 * account; otherwise does nothing. The caller is told the same in every case
 * (202), and the email itself is sent by the worker.
 */
@TransactionalCommandHandler(ResendVerificationEmailCommand)
export class ResendVerificationEmailHandler implements ICommandHandler<ResendVerificationEmailCommand> {
  constructor(@Inject(USER_REPOSITORY) private readonly users: UserRepository) {}

  async execute(command: ResendVerificationEmailCommand): Promise<void> {
    const user = await this.users.findByEmail(Email.create(command.email));
    if (user?.requestEmailVerification()) await this.users.update(user);
  }
}
