/**
 * Integration events the orders context publishes through the outbox. Names
 * are stable wire names; payloads are plain JSON (money in integer minor units).
 * Each is declared once, next to the domain event that carries it.
 */
export type { MoneyPayload } from '../domain/money.payload';
export { ORDER_CANCELLED, type OrderCancelledPayload } from '../domain/order-cancelled.domain-event';
export { ORDER_CONFIRMED, type OrderConfirmedPayload } from '../domain/order-confirmed.domain-event';
export { ORDER_PAID, type OrderPaidPayload } from '../domain/order-paid.domain-event';
export { INVOICE_ISSUED, type InvoiceIssuedPayload } from '../domain/invoice-issued.domain-event';
export { ORDER_PAYMENT_FAILED, type OrderPaymentFailedPayload } from '../domain/order-payment-failed.domain-event';
export { ORDER_PLACED, type OrderPlacedPayload } from '../domain/order-placed.domain-event';
export { ORDER_REJECTED, type OrderRejectedPayload } from '../domain/order-rejected.domain-event';
export { PAYMENT_REQUESTED, type PaymentRequestedPayload } from '../domain/payment-requested.domain-event';
export type { OrderStatus } from '../domain/order-status';
export type { PaymentProvider } from '../domain/payment-choice.value-object';
