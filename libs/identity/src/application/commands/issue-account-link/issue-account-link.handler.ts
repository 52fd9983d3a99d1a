import { Inject } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '@keel/messaging';
import { type AccountLink, IssueAccountLinkCommand } from '../../../contracts';
import { USER_REPOSITORY, type UserRepository } from '../../../domain';
import { AccountLinks } from '../../account-links.service';

/**
 * Mints the link an account email carries, when the email is sent (asked by the
 * notifications context through its port). Joins the caller's transaction: if
 * sending fails and the delivery rolls back, the token goes with it.
 */
@TransactionalCommandHandler(IssueAccountLinkCommand)
export class IssueAccountLinkHandler implements ICommandHandler<IssueAccountLinkCommand> {
  constructor(
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    private readonly links: AccountLinks,
  ) {}

  async execute(command: IssueAccountLinkCommand): Promise<AccountLink | null> {
    const user = await this.users.findById(command.userId);
    if (!user) return null;
    if (command.kind === 'verify-email' && user.emailVerified) return null;
    const link = await this.links.issue(user.id, command.kind);
    return { userId: user.id, email: user.email.value, url: link.url, validForMinutes: link.validForMinutes };
  }
}
