export const CUSTOMER_DIRECTORY = Symbol('CustomerDirectory');

/** Who a customer is, for the buyer block of an invoice (identity owns users). */
export interface CustomerDirectory {
  /** `null` when the user no longer exists. */
  findCustomer(userId: string): Promise<{ name: string; email: string } | null>;
}
