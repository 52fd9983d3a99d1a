import { DomainEvent } from '@keel/kernel/domain';
import type { ProductSnapshot } from './product-snapshot';

/** Wire name and payload are published in ../contracts (catalog.product-created). */
export class ProductCreatedEvent extends DomainEvent<ProductSnapshot> {
  readonly eventName = 'catalog.product-created';
}
