import { DomainEvent } from '@keel/kernel/domain';
import type { OrderStatus } from './order-status';
import type { PaymentProvider } from './payment-choice.value-object';

/**
 * The orders context's integration events: stable wire names and plain-JSON
 * payloads. Re-exported by `contracts` for the contexts that react to them.
 */
export const ORDER_PLACED = 'orders.order-placed';
export const ORDER_CONFIRMED = 'orders.order-confirmed';
export const PAYMENT_REQUESTED = 'orders.payment-requested';
export const ORDER_REJECTED = 'orders.order-rejected';
export const ORDER_PAID = 'orders.order-paid';
export const ORDER_PAYMENT_FAILED = 'orders.payment-failed';
export const ORDER_CANCELLED = 'orders.order-cancelled';

export interface MoneyPayload {
  /** Integer minor units. */
  amount: number;
  currency: string;
}

export interface OrderPlacedPayload {
  orderId: string;
  userId: string;
  items: Array<{ productId: string; quantity: number }>;
  total: MoneyPayload;
}

export interface OrderConfirmedPayload {
  orderId: string;
  userId: string;
  total: MoneyPayload;
}

/** Raised with OrderConfirmed: stock is held, now charge the customer. */
export interface PaymentRequestedPayload {
  orderId: string;
  userId: string;
  amount: MoneyPayload;
  provider: PaymentProvider;
  method: string;
}

export interface OrderRejectedPayload {
  orderId: string;
  userId: string;
  reason: string;
}

export interface OrderPaidPayload {
  orderId: string;
  userId: string;
  total: MoneyPayload;
}

/** The stock held for the order should be released. */
export interface OrderPaymentFailedPayload {
  orderId: string;
  userId: string;
  reason: string;
}

/**
 * `previousStatus` tells reactors what to undo: CONFIRMED or PAID held stock,
 * PAID was charged (refund). PENDING may have a reservation in flight, so
 * inventory should release by orderId whatever the previous status.
 */
export interface OrderCancelledPayload {
  orderId: string;
  userId: string;
  reason: string;
  previousStatus: OrderStatus;
}

export class OrderPlacedEvent extends DomainEvent<OrderPlacedPayload> {
  readonly eventName = ORDER_PLACED;
}
export class OrderConfirmedEvent extends DomainEvent<OrderConfirmedPayload> {
  readonly eventName = ORDER_CONFIRMED;
}
export class PaymentRequestedEvent extends DomainEvent<PaymentRequestedPayload> {
  readonly eventName = PAYMENT_REQUESTED;
}
export class OrderRejectedEvent extends DomainEvent<OrderRejectedPayload> {
  readonly eventName = ORDER_REJECTED;
}
export class OrderPaidEvent extends DomainEvent<OrderPaidPayload> {
  readonly eventName = ORDER_PAID;
}
export class OrderPaymentFailedEvent extends DomainEvent<OrderPaymentFailedPayload> {
  readonly eventName = ORDER_PAYMENT_FAILED;
}
export class OrderCancelledEvent extends DomainEvent<OrderCancelledPayload> {
  readonly eventName = ORDER_CANCELLED;
}
