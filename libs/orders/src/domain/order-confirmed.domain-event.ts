import { DomainEvent } from '@keel/kernel/domain';
import type { MoneyPayload } from './money.payload';

/** Wire name of the integration event (published through the outbox; re-exported by ../contracts). */
export const ORDER_CONFIRMED = 'orders.order-confirmed';

export interface OrderConfirmedPayload {
  orderId: string;
  userId: string;
  total: MoneyPayload;
}

export class OrderConfirmedEvent extends DomainEvent<OrderConfirmedPayload> {
  readonly eventName = ORDER_CONFIRMED;
}
