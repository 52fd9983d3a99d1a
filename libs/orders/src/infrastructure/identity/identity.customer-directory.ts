import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { GetUserContactQuery } from '@keel/identity/contracts';
import type { CustomerDirectory } from '../../application';

/** Asks the identity context through its published query (in-process: the worker loads IdentityModule). */
@Injectable()
export class IdentityCustomerDirectory implements CustomerDirectory {
  constructor(private readonly queries: QueryBus) {}

  async findCustomer(userId: string): Promise<{ name: string; email: string } | null> {
    const contact = await this.queries.execute(new GetUserContactQuery(userId));
    return contact ? { name: contact.name, email: contact.email } : null;
  }
}
