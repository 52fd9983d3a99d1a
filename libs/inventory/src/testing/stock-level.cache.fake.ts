import { CacheStore } from '@keel/persistence/cache';
import { StockLevelCache } from '../application';

/**
 * The real StockLevelCache over an in-process CacheStore (no Redis), listening
 * (as if its LISTEN session were up), so reads go through the cache.
 */
export function listeningStockLevelCache(): StockLevelCache {
  const cache = new StockLevelCache(new CacheStore({ keyPrefix: 'test:' }));
  cache.listeningStarted(false);
  return cache;
}
