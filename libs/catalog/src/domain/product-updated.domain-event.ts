import { DomainEvent } from '@keel/kernel/domain';
import type { ProductField, ProductSnapshot } from './product-snapshot';

/** Wire name and payload are published in ../contracts (catalog.product-updated). */
export class ProductUpdatedEvent extends DomainEvent<ProductSnapshot & { changed: ProductField[] }> {
  readonly eventName = 'catalog.product-updated';
}
