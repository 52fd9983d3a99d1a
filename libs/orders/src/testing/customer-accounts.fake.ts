import type { CustomerAccounts } from '../application';

/** CustomerAccounts in memory: every user is verified unless listed as unverified. */
export class FakeCustomerAccounts implements CustomerAccounts {
  private readonly unverified = new Set<string>();

  withUnverified(...userIds: string[]): this {
    for (const id of userIds) this.unverified.add(id);
    return this;
  }

  async hasVerifiedEmail(userId: string): Promise<boolean> {
    return !this.unverified.has(userId);
  }
}
