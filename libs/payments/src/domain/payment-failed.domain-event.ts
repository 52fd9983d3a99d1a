import { DomainEvent } from '@keel/kernel/domain';

/** Wire name of the integration event (published through the outbox; re-exported by ../contracts). */
export const PAYMENT_FAILED = 'payments.payment-failed';

export interface PaymentFailedPayload {
  orderId: string;
  paymentId: string;
  reason: string;
}

export class PaymentFailedEvent extends DomainEvent<PaymentFailedPayload> {
  readonly eventName = PAYMENT_FAILED;
}
