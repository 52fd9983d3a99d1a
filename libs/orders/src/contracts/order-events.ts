/**
 * Integration events the orders context publishes through the outbox. Names
 * are stable wire names; payloads are plain JSON (money in integer minor units).
 */
export {
  ORDER_CANCELLED,
  ORDER_CONFIRMED,
  ORDER_PAID,
  ORDER_PAYMENT_FAILED,
  ORDER_PLACED,
  ORDER_REJECTED,
  PAYMENT_REQUESTED,
} from '../domain/order.events';
export type {
  MoneyPayload,
  OrderCancelledPayload,
  OrderConfirmedPayload,
  OrderPaidPayload,
  OrderPaymentFailedPayload,
  OrderPlacedPayload,
  OrderRejectedPayload,
  PaymentRequestedPayload,
} from '../domain/order.events';
export type { OrderStatus } from '../domain/order-status';
export type { PaymentProvider } from '../domain/payment-choice.value-object';
