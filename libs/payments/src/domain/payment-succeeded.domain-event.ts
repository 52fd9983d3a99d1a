import { DomainEvent } from '@keel/kernel/domain';

/** Wire name of the integration event (published through the outbox; re-exported by ../contracts). */
export const PAYMENT_SUCCEEDED = 'payments.payment-succeeded';

export interface PaymentSucceededPayload {
  orderId: string;
  paymentId: string;
}

export class PaymentSucceededEvent extends DomainEvent<PaymentSucceededPayload> {
  readonly eventName = PAYMENT_SUCCEEDED;
}
