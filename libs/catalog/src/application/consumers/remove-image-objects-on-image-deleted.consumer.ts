import { Inject } from '@nestjs/common';
import { type EventEnvelope, EventConsumer, type IntegrationEventHandler } from '@keel/messaging';
import { OBJECT_STORAGE, type ObjectStorage } from '@keel/storage';
import {
  PRODUCT_IMAGE_DELETED,
  PRODUCT_IMAGE_REPOSITORY,
  type ProductImageDeletedPayload,
  type ProductImageRepository,
} from '../../domain';

/**
 * Removes a deleted image's objects. A content-addressed object still used by
 * another image (the same bytes uploaded twice) is kept. Deleting is
 * idempotent, so a retry after a storage outage finishes the job.
 */
@EventConsumer({ name: 'catalog.remove-image-objects', events: [PRODUCT_IMAGE_DELETED] })
export class RemoveImageObjectsOnImageDeleted implements IntegrationEventHandler<ProductImageDeletedPayload> {
  constructor(
    @Inject(PRODUCT_IMAGE_REPOSITORY) private readonly images: ProductImageRepository,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  async handle(event: EventEnvelope<ProductImageDeletedPayload>): Promise<void> {
    for (const key of event.payload.keys) {
      if (key.startsWith('images/') && (await this.images.countOtherReferences(key, event.payload.imageId)) > 0) continue;
      await this.storage.delete(key);
    }
  }
}
