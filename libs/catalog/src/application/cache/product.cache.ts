import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { Page } from '@keel/http';
import { CacheStore } from '@keel/persistence/cache';
import type { ProductDetails } from '../views/product.view';

/** Bump when the cached shapes change, so a deploy never reads the previous release's entries. */
const SHAPE = 'v2'; // v2: details carry images
const DETAILS_TTL_SECONDS = 300;
const LIST_TTL_SECONDS = 60;
const LIST_VERSION_TTL_SECONDS = 3600;
const LIST_VERSION_KEY = `catalog:products:list-version:${SHAPE}`;

// Lowercase: a product id in capitals is the same product, and must be invalidated with it.
const detailsKey = (id: string) => `catalog:product:${SHAPE}:${id.toLowerCase()}`;
const fingerprintKey = (id: string) => `catalog:product-fingerprint:v1:${id.toLowerCase()}`;

/** Names the content of a product's details: equal details, equal fingerprints (a SHA-256, so never equal otherwise). */
export const fingerprintOf = (details: ProductDetails): string => createHash('sha256').update(JSON.stringify(details)).digest('base64url');

/**
 * What the catalog caches and how it is invalidated. Product details are
 * cached per id, and beside them their fingerprint (a short string, what the
 * product page checks on every read); list pages under a list version that every product change
 * replaces (so every cached page goes stale at once). Stock is not cached
 * here: it is inventory's, cached by inventory per product and invalidated by
 * its own commit notifications (GetStockLevelsQuery, ADR 0010).
 * Invalidate only after the change committed.
 */
@Injectable()
export class ProductCache {
  constructor(private readonly cache: CacheStore) {}

  details(id: string, load: () => Promise<ProductDetails | null>): Promise<ProductDetails | null> {
    return this.cache.wrap(detailsKey(id), DETAILS_TTL_SECONDS, load);
  }

  /**
   * The fingerprint of the product's current details (null: no such product),
   * cached and invalidated exactly as the details are, so it is never staler
   * than they would be. `load` must read the database, not details(): this
   * instance's copy of the details may still be the old one for the moment the
   * invalidation takes to arrive, and a fingerprint of it stored in Redis would
   * outlive that moment.
   */
  fingerprint(id: string, load: () => Promise<string | null>): Promise<string | null> {
    return this.cache.wrap(fingerprintKey(id), DETAILS_TTL_SECONDS, load);
  }

  async page(
    params: { limit: number; cursor?: string; search?: string },
    load: () => Promise<Page<ProductDetails>>,
  ): Promise<Page<ProductDetails>> {
    const version = await this.cache.wrap(LIST_VERSION_KEY, LIST_VERSION_TTL_SECONDS, async () => randomUUID());
    const search = params.search === undefined ? '-' : createHash('sha256').update(params.search).digest('base64url');
    const key = `catalog:products:list:${SHAPE}:${version}:${params.limit}:${params.cursor ?? '-'}:${search}`;
    return this.cache.wrap(key, LIST_TTL_SECONDS, load);
  }

  /** After a product was created or changed: its details, their fingerprint and every list page are stale. */
  async productChanged(id: string): Promise<void> {
    await Promise.all([this.cache.delete(detailsKey(id)), this.cache.delete(fingerprintKey(id)), this.cache.delete(LIST_VERSION_KEY)]);
  }
}
