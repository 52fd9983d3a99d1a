/** Money in an integration event's payload: plain JSON. */
export interface MoneyPayload {
  /** Integer minor units. */
  amount: number;
  currency: string;
}
