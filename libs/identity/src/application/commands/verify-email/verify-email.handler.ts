import { Inject } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '@keel/messaging';
import { InvalidAccountTokenError, USER_REPOSITORY, type UserRepository } from '../../../domain';
import { AccountLinks } from '../../account-links.service';
import { VerifyEmailCommand } from './verify-email.command';

/** Spends a verification token and marks the address verified; the user's other verification links die with it. */
@TransactionalCommandHandler(VerifyEmailCommand)
export class VerifyEmailHandler implements ICommandHandler<VerifyEmailCommand> {
  constructor(
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    private readonly links: AccountLinks,
  ) {}

  async execute(command: VerifyEmailCommand): Promise<void> {
    const now = new Date();
    const userId = await this.links.consume('verify-email', command.token, now);
    const user = await this.users.findById(userId);
    if (!user) throw new InvalidAccountTokenError();
    user.markEmailVerified(now);
    await this.users.update(user);
    await this.links.spendAll(user.id, 'verify-email', now);
  }
}
