import { DomainEvent } from '@keel/kernel/domain';
import type { MoneyPayload } from './money.payload';

/** Wire name of the integration event (published through the outbox; re-exported by ../contracts). */
export const ORDER_PLACED = 'orders.order-placed';

export interface OrderPlacedPayload {
  orderId: string;
  userId: string;
  items: Array<{ productId: string; quantity: number }>;
  total: MoneyPayload;
}

export class OrderPlacedEvent extends DomainEvent<OrderPlacedPayload> {
  readonly eventName = ORDER_PLACED;
}
