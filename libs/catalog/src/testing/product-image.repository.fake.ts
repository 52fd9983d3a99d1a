import { InMemoryAggregateStore } from '@keel/kernel/testing';
import type { ProductImage, ProductImageRepository } from '../domain';

/** ProductImageRepository in memory: saves publish the image's events to `outbox`, like the TypeORM one. */
export class InMemoryProductImageRepository implements ProductImageRepository {
  readonly store = new InMemoryAggregateStore<ProductImage>();
  readonly outbox = this.store.outbox;

  given(...images: ProductImage[]): this {
    this.store.arrange(...images);
    return this;
  }

  async findById(id: string, productId?: string): Promise<ProductImage | null> {
    const image = this.store.get(id);
    return image && (productId === undefined || image.productId === productId) ? image : null;
  }

  async findByIdForUpdate(id: string): Promise<ProductImage | null> {
    return this.store.get(id) ?? null;
  }

  async findReadyByProducts(productIds: string[]): Promise<ProductImage[]> {
    return this.store.all().filter((image) => productIds.includes(image.productId) && image.status === 'READY');
  }

  async findAbandonedForUpdate(before: Date, limit: number): Promise<ProductImage[]> {
    return this.store
      .all()
      .filter((image) => image.status === 'PENDING' && image.createdAt < before)
      .slice(0, limit);
  }

  async countOtherReferences(key: string, exceptImageId: string): Promise<number> {
    return this.store
      .all()
      .filter((i) => i.id !== exceptImageId && i.status !== 'DELETED' && (i.rendered?.imageKey === key || i.rendered?.thumbnailKey === key))
      .length;
  }

  async insert(image: ProductImage): Promise<void> {
    await this.store.save(image);
  }

  async update(image: ProductImage): Promise<void> {
    await this.store.save(image);
  }
}
