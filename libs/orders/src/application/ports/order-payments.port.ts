export const ORDER_PAYMENTS = Symbol('OrderPayments');

/** One payment attempt of an order, as the orders API shows it. */
export interface OrderPayment {
  id: string;
  provider: string;
  status: 'PENDING' | 'SUCCEEDED' | 'FAILED' | 'REFUNDED';
  /** Integer minor units. */
  amount: { amount: number; currency: string };
  providerReference: string | null;
  failureReason: string | null;
  createdAt: string;
}

/** The payments of an order as the orders context sees them (the adapter asks the payments context). */
export interface OrderPayments {
  /** Every payment attempt of the order, oldest first; none yet is an empty list. */
  listForOrder(orderId: string): Promise<OrderPayment[]>;
}
