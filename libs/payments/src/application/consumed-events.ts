/**
 * Events of the orders context that payments reacts to, declared as payments
 * understands them (consumer-side contract). Keep in step with orders' payloads.
 */
export const PAYMENT_REQUESTED = 'orders.payment-requested';
export interface PaymentRequestedPayload {
  orderId: string;
  userId: string;
  amount: { amount: number; currency: string };
  provider: string;
  method: string;
}

export const ORDER_CANCELLED = 'orders.order-cancelled';
export interface OrderCancelledPayload {
  orderId: string;
  userId: string;
  reason: string;
  previousStatus: string;
}
