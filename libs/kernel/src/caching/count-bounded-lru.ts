import { LRUCache } from 'lru-cache';

/**
 * An LRU cache of at most `entries` entries that grows with use. lru-cache's own
 * `max` preallocates every slot at construction (≈ 4 MB for 100 000 entries with a
 * TTL, before a single one is stored; issue 13, docs/performance.md finding 18);
 * bounding the same count through `maxSize` with a size of 1 per entry does not.
 * Use this for any cache bounded by a number of entries.
 */
export function countBoundedLru<K extends NonNullable<unknown>, V extends NonNullable<unknown>>(
  entries: number,
  options: Omit<LRUCache.Options<K, V, unknown>, 'max' | 'maxSize' | 'sizeCalculation'> = {},
): LRUCache<K, V> {
  return new LRUCache<K, V>({ ...options, maxSize: entries, sizeCalculation: () => 1 });
}
