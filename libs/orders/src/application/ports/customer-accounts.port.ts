export const CUSTOMER_ACCOUNTS = Symbol('CustomerAccounts');

/** The customers' accounts as the orders context sees them (the adapter asks the identity context). */
export interface CustomerAccounts {
  /** False for an unverified address, and for a user that no longer exists. */
  hasVerifiedEmail(userId: string): Promise<boolean>;
}
