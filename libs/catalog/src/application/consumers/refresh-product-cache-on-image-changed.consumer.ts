import { type EventEnvelope, EventConsumer, type IntegrationEventHandler } from '@keel/messaging';
import { PRODUCT_IMAGE_DELETED, PRODUCT_IMAGE_READY, type ProductImagePayload } from '../../domain';
import { ProductCache } from '../cache/product.cache';

/**
 * A product's cached details carry its READY images: drop them once an image
 * became READY or was deleted. A job of its own, so it runs after the change
 * committed (invalidating inside that transaction could let a reader cache the old list again).
 */
@EventConsumer({ name: 'catalog.refresh-product-cache', events: [PRODUCT_IMAGE_READY, PRODUCT_IMAGE_DELETED] })
export class RefreshProductCacheOnImageChanged implements IntegrationEventHandler<ProductImagePayload> {
  constructor(private readonly cache: ProductCache) {}

  async handle(event: EventEnvelope<ProductImagePayload>): Promise<void> {
    await this.cache.productChanged(event.payload.productId);
  }
}
