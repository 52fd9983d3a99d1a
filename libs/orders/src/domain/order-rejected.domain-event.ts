import { DomainEvent } from '@keel/kernel/domain';

/** Wire name of the integration event (published through the outbox; re-exported by ../contracts). */
export const ORDER_REJECTED = 'orders.order-rejected';

export interface OrderRejectedPayload {
  orderId: string;
  userId: string;
  reason: string;
}

export class OrderRejectedEvent extends DomainEvent<OrderRejectedPayload> {
  readonly eventName = ORDER_REJECTED;
}
