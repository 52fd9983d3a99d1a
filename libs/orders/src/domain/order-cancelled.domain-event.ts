import { DomainEvent } from '@keel/kernel/domain';
import type { OrderStatus } from './order-status';

/** Wire name of the integration event (published through the outbox; re-exported by ../contracts). */
export const ORDER_CANCELLED = 'orders.order-cancelled';

/**
 * `previousStatus` tells reactors what to undo: CONFIRMED or PAID held stock,
 * PAID was charged (refund). PENDING may have a reservation in flight, so
 * inventory should release by orderId whatever the previous status.
 */
export interface OrderCancelledPayload {
  orderId: string;
  userId: string;
  reason: string;
  previousStatus: OrderStatus;
}

export class OrderCancelledEvent extends DomainEvent<OrderCancelledPayload> {
  readonly eventName = ORDER_CANCELLED;
}
