import { DomainEvent } from '@keel/kernel/domain';

/** An order could not be held in full; nothing was held. Wire name and payload are published in ../contracts. */
export class StockRejectedEvent extends DomainEvent<{ orderId: string; reason: string; productIds: string[] }> {
  readonly eventName = 'inventory.stock-rejected';
}
