import type { ProductImage } from './product-image.entity';

export const PRODUCT_IMAGE_REPOSITORY = Symbol('ProductImageRepository');

export interface ProductImageRepository {
  /** `null` for an unknown (or malformed) id, or one of another product when `productId` is given. */
  findById(id: string, productId?: string): Promise<ProductImage | null>;
  /** Locks the row until the ambient transaction ends. */
  findByIdForUpdate(id: string): Promise<ProductImage | null>;
  /** READY images of these products, oldest first. */
  findReadyByProducts(productIds: string[]): Promise<ProductImage[]>;
  /** PENDING images created before `before` (uploads never completed), at most `limit`, locked, skipping locked rows. */
  findAbandonedForUpdate(before: Date, limit: number): Promise<ProductImage[]>;
  /** Images other than `exceptImageId`, not DELETED, whose rendered objects include `key` (content-addressed keys are shared by equal bytes). */
  countOtherReferences(key: string, exceptImageId: string): Promise<number>;
  insert(image: ProductImage): Promise<void>;
  update(image: ProductImage): Promise<void>;
}
