import { DomainEvent } from '@keel/platform/domain';

/** The payments context's integration events (wire names and plain-JSON payloads). */
export const PAYMENT_SUCCEEDED = 'payments.payment-succeeded';
export const PAYMENT_FAILED = 'payments.payment-failed';
export const PAYMENT_REFUNDED = 'payments.payment-refunded';

export interface PaymentSucceededPayload {
  orderId: string;
  paymentId: string;
}

export interface PaymentFailedPayload {
  orderId: string;
  paymentId: string;
  reason: string;
}

export interface PaymentRefundedPayload {
  orderId: string;
  paymentId: string;
}

export class PaymentSucceededEvent extends DomainEvent<PaymentSucceededPayload> {
  readonly eventName = PAYMENT_SUCCEEDED;
}
export class PaymentFailedEvent extends DomainEvent<PaymentFailedPayload> {
  readonly eventName = PAYMENT_FAILED;
}
export class PaymentRefundedEvent extends DomainEvent<PaymentRefundedPayload> {
  readonly eventName = PAYMENT_REFUNDED;
}
