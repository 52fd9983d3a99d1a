import type { Product } from './product.entity';

export const PRODUCT_REPOSITORY = Symbol('ProductRepository');

export interface ProductListOptions {
  limit: number;
  /** Keyset position: strictly after this (newest first). */
  after?: { createdAt: Date; id: string };
  /** Case-insensitive substring of the name or the SKU, matched literally (no wildcards). */
  search?: string;
}

export interface ProductRepository {
  findById(id: string): Promise<Product | null>;
  /** Locks the row until the ambient transaction ends: concurrent revisions apply one after the other. */
  findByIdForUpdate(id: string): Promise<Product | null>;
  /** Existing products among the ids, in no particular order. Malformed ids are ignored. */
  findByIds(ids: string[]): Promise<Product[]>;
  /** Throws DuplicateSkuError when the SKU is taken (in any letter case), also under races. */
  insert(product: Product): Promise<void>;
  update(product: Product): Promise<void>;
  /** Newest first. */
  list(options: ProductListOptions): Promise<Product[]>;
}
