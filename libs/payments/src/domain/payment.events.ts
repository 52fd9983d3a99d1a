import { DomainEvent } from '@keel/kernel/domain';

/** The payments context's integration events (wire names and plain-JSON payloads). */
export const PAYMENT_SUCCEEDED = 'payments.payment-succeeded';
export const PAYMENT_FAILED = 'payments.payment-failed';
export const PAYMENT_REFUNDED = 'payments.payment-refunded';
/** The provider reports a successful charge for a payment we had already given up as FAILED: the money goes back. */
export const LATE_CHARGE_DETECTED = 'payments.late-charge-detected';

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

export interface LateChargeDetectedPayload {
  orderId: string;
  paymentId: string;
  providerReference: string;
}

export class LateChargeDetectedEvent extends DomainEvent<LateChargeDetectedPayload> {
  readonly eventName = LATE_CHARGE_DETECTED;
}
