import { DomainEvent } from '@keel/kernel/domain';

/** Wire name of the integration event (published through the outbox; re-exported by ../contracts). */
export const PAYMENT_REFUNDED = 'payments.payment-refunded';

export interface PaymentRefundedPayload {
  orderId: string;
  paymentId: string;
}

export class PaymentRefundedEvent extends DomainEvent<PaymentRefundedPayload> {
  readonly eventName = PAYMENT_REFUNDED;
}
