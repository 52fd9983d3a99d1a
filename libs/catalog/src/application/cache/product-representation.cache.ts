import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { ProductDetails } from '../views/product.view';
import { type ProductRepresentation, toProductRepresentation } from '../views/product.representation';
import { fingerprintOf } from './product.cache';

interface Entry {
  /** What the representation was built from: details of this fingerprint, at this stock level. */
  fingerprint: string;
  stock: number;
  details: ProductDetails;
  representation: ProductRepresentation;
}

/**
 * Bounded by the bytes of the bodies held (4 MiB: thousands of products); an
 * entry costs about three times its body with the details kept beside it.
 */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * This instance's serialised product pages, one per product, each labelled
 * with the fingerprint of the details and the stock level it was built from.
 * It is used only when both equal what the caller has just read through
 * ProductCache and inventory's stock cache, so it is never staler than those
 * reads and needs no invalidation of its own: a product change or a stock
 * change reaches it through their invalidation, on every instance, as soon as
 * it reaches them. It is not shared (each instance serialises once per
 * product state), so it needs no broadcast either.
 */
@Injectable()
export class ProductRepresentationCache {
  private readonly entries = new LRUCache<string, Entry>({
    maxSize: MAX_BODY_BYTES,
    sizeCalculation: (entry) => entry.representation.body.length,
  });

  /**
   * The representation of the product whose current details have `fingerprint`,
   * at `stock`. Found as it is, or rebuilt from the details kept here when only
   * the stock changed, or from `details()` (null: no such product).
   */
  async representation(
    productId: string,
    fingerprint: string,
    stock: number,
    details: () => Promise<ProductDetails | null>,
  ): Promise<ProductRepresentation | null> {
    const entry = this.entries.get(productId);
    if (entry?.fingerprint === fingerprint) {
      return entry.stock === stock ? entry.representation : this.remember(productId, fingerprint, entry.details, stock);
    }
    const current = await details();
    if (!current) return null;
    // Labelled with the fingerprint of what was really read: the cached details may lag behind `fingerprint` on this
    // instance for the moment their invalidation takes to arrive, and must then not be served under the new one.
    return this.remember(productId, fingerprintOf(current), current, stock);
  }

  private remember(productId: string, fingerprint: string, details: ProductDetails, stock: number): ProductRepresentation {
    const representation = toProductRepresentation(details, stock);
    this.entries.set(productId, { fingerprint, stock, details, representation });
    return representation;
  }
}
