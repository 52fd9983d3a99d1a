import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { GetUserContactQuery } from '@keel/identity/contracts';
import type { UserContact, UserContacts } from '../../application';

/** Asks the identity context through its published query (in-process: the worker loads IdentityModule). */
@Injectable()
export class IdentityUserContacts implements UserContacts {
  constructor(private readonly queries: QueryBus) {}

  async findContact(userId: string): Promise<UserContact | null> {
    const contact = await this.queries.execute(new GetUserContactQuery(userId));
    return contact ? { userId: contact.userId, email: contact.email, name: contact.name, emailVerified: contact.emailVerified } : null;
  }
}
