import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { GetUserContactQuery } from '@keel/identity/contracts';
import type { CustomerAccounts } from '../../application';

/** Asks the identity context through its published query (in-process, same transaction). */
@Injectable()
export class IdentityCustomerAccounts implements CustomerAccounts {
  constructor(private readonly queries: QueryBus) {}

  async hasVerifiedEmail(userId: string): Promise<boolean> {
    const contact = await this.queries.execute(new GetUserContactQuery(userId));
    return contact?.emailVerified === true;
  }
}
