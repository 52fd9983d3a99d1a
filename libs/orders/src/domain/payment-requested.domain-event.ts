import { DomainEvent } from '@keel/kernel/domain';
import type { MoneyPayload } from './money.payload';
import type { PaymentProvider } from './payment-choice.value-object';

/** Wire name of the integration event (published through the outbox; re-exported by ../contracts). */
export const PAYMENT_REQUESTED = 'orders.payment-requested';

/** Raised with OrderConfirmed: stock is held, now charge the customer. */
export interface PaymentRequestedPayload {
  orderId: string;
  userId: string;
  amount: MoneyPayload;
  provider: PaymentProvider;
  method: string;
}

export class PaymentRequestedEvent extends DomainEvent<PaymentRequestedPayload> {
  readonly eventName = PAYMENT_REQUESTED;
}
