import { DomainEvent } from '@keel/kernel/domain';
import type { MoneyPayload } from './money.payload';

/** Wire name of the integration event (published through the outbox; re-exported by ../contracts). */
export const ORDER_PAID = 'orders.order-paid';

export interface OrderPaidPayload {
  orderId: string;
  userId: string;
  total: MoneyPayload;
}

export class OrderPaidEvent extends DomainEvent<OrderPaidPayload> {
  readonly eventName = ORDER_PAID;
}
