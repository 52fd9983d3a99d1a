import { DomainEvent } from '@keel/kernel/domain';

/** Wire name of the integration event (published through the outbox; re-exported by ../contracts). */
export const ORDER_PAYMENT_FAILED = 'orders.payment-failed';

/** The stock held for the order should be released. */
export interface OrderPaymentFailedPayload {
  orderId: string;
  userId: string;
  reason: string;
}

export class OrderPaymentFailedEvent extends DomainEvent<OrderPaymentFailedPayload> {
  readonly eventName = ORDER_PAYMENT_FAILED;
}
