import { DomainEvent } from '@keel/kernel/domain';

/** Every line of an order is held. Wire name and payload are published in ../contracts. */
export class StockReservedEvent extends DomainEvent<{ orderId: string; reservationId: string }> {
  readonly eventName = 'inventory.stock-reserved';
}
