/**
 * Integration events inventory consumes, declared here as inventory reads
 * them (a tolerant reader: only the fields it uses are relied on). The orders
 * context publishes them; inventory does not import its code.
 */

export const ORDERS_ORDER_PLACED = 'orders.order-placed';
export interface OrderPlacedPayload {
  orderId: string;
  userId: string;
  items: Array<{ productId: string; quantity: number }>;
}

export const ORDERS_ORDER_CANCELLED = 'orders.order-cancelled';
export interface OrderCancelledPayload {
  orderId: string;
  userId: string;
  reason: string;
  previousStatus: string;
}

/** Payment declined or failed for good: the held stock goes back. */
export const ORDERS_PAYMENT_FAILED = 'orders.payment-failed';
export interface PaymentFailedPayload {
  orderId: string;
}
