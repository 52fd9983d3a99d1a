/**
 * The orders context's integration events this context listens to: wire names
 * and payloads, as published through the outbox. Declared here rather than
 * imported, so notifications depends on the published language only (the
 * orders context is built independently); keep in step with its contracts.
 */
export interface MoneyPayload {
  /** Integer minor units. */
  amount: number;
  /** ISO 4217. */
  currency: string;
}

export const ORDER_CONFIRMED = 'orders.order-confirmed';
export interface OrderConfirmedPayload {
  orderId: string;
  userId: string;
  total: MoneyPayload;
}

export const ORDER_REJECTED = 'orders.order-rejected';
export interface OrderRejectedPayload {
  orderId: string;
  userId: string;
  reason: string;
}

export const ORDER_CANCELLED = 'orders.order-cancelled';
export interface OrderCancelledPayload {
  orderId: string;
  userId: string;
  reason: string;
  /** The status the order had when it was cancelled, e.g. `PAID` (then it is refunded). */
  previousStatus: string;
}

export const ORDER_PAID = 'orders.order-paid';
export interface OrderPaidPayload {
  orderId: string;
  userId: string;
  /** The amount captured; optional so an older event without it still gets its email. */
  total?: MoneyPayload;
}

export const ORDER_PAYMENT_FAILED = 'orders.payment-failed';
export interface OrderPaymentFailedPayload {
  orderId: string;
  userId: string;
  reason: string;
}

export type OrderEmailEventPayload =
  OrderConfirmedPayload | OrderRejectedPayload | OrderCancelledPayload | OrderPaidPayload | OrderPaymentFailedPayload;

export const ORDER_EMAIL_EVENTS = [ORDER_CONFIRMED, ORDER_REJECTED, ORDER_CANCELLED, ORDER_PAID, ORDER_PAYMENT_FAILED];
