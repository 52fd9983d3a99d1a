import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { GetUserContactQuery } from '@keel/identity/contracts';
import type { CustomerAccounts, CustomerDirectory } from '../../application';

/**
 * Orders' two views of a customer (may they order? whom is the invoice for?),
 * both answered by identity's published GetUserContactQuery, in process (the
 * worker loads IdentityModule too). One adapter, bound to both ports.
 */
@Injectable()
export class IdentityCustomers implements CustomerAccounts, CustomerDirectory {
  constructor(private readonly queries: QueryBus) {}

  async hasVerifiedEmail(userId: string): Promise<boolean> {
    return (await this.contactOf(userId))?.emailVerified === true;
  }

  async findCustomer(userId: string): Promise<{ name: string; email: string } | null> {
    const contact = await this.contactOf(userId);
    return contact ? { name: contact.name, email: contact.email } : null;
  }

  private contactOf(userId: string) {
    return this.queries.execute(new GetUserContactQuery(userId));
  }
}
