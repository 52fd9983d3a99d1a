import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IssueAccountLinkCommand } from '@keel/identity/contracts';
import type { AccountLinkIssuer, AccountLinkKind, IssuedAccountLink } from '../../application';

/** Asks the identity context to mint the link (in-process, in the delivery's transaction: the worker loads IdentityModule). */
@Injectable()
export class IdentityAccountLinkIssuer implements AccountLinkIssuer {
  constructor(private readonly commands: CommandBus) {}

  async issue(userId: string, kind: AccountLinkKind): Promise<IssuedAccountLink | null> {
    const link = await this.commands.execute(new IssueAccountLinkCommand(userId, kind));
    return link ? { email: link.email, url: link.url, validForMinutes: link.validForMinutes } : null;
  }
}
