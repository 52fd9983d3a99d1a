/**
 * Integration events the payments context publishes through the outbox (wire
 * names and plain-JSON payloads), each declared next to its domain event.
 * payments.late-charge-detected is internal (payments consumes it itself) and not listed here.
 */
export { PAYMENT_FAILED, type PaymentFailedPayload } from '../domain/payment-failed.domain-event';
export { PAYMENT_REFUNDED, type PaymentRefundedPayload } from '../domain/payment-refunded.domain-event';
export { PAYMENT_SUCCEEDED, type PaymentSucceededPayload } from '../domain/payment-succeeded.domain-event';
