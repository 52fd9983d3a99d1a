import { CacheStore } from '@keel/persistence/cache';
import { STOCK_TTL_SECONDS, StockLevelCache } from './stock-level.cache';

const PRODUCT = '6f1c1d4e-8a51-4f4e-9a0e-2b7f6f0c1a11';

describe('StockLevelCache', () => {
  let cache: StockLevelCache;
  let store: CacheStore;
  let db: number | null;
  let loads: number;
  const load = async () => {
    loads++;
    return db;
  };
  const read = () => cache.available(PRODUCT, load);

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    // The real store, in-process only: its guarded fills and deletes are part of what is tested.
    store = new CacheStore({ keyPrefix: 'test:' });
    cache = new StockLevelCache(store);
    db = 5;
    loads = 0;
  });
  afterEach(() => jest.useRealTimers());

  it('When listening, then a level is loaded once and served from the cache until its row changes', async () => {
    cache.listeningStarted(false);
    expect([await read(), await read()]).toEqual([5, 5]);
    expect(loads).toBe(1);
    db = 4;
    await cache.changed(PRODUCT);
    expect(await read()).toBe(4);
    expect(loads).toBe(2);
  });

  it('When the product keeps no stock, then that answer is cached too', async () => {
    cache.listeningStarted(false);
    db = null;
    expect([await read(), await read()]).toEqual([null, null]);
    expect(loads).toBe(1);
  });

  it('When the notification names the id in upper case, then the same entry is invalidated', async () => {
    cache.listeningStarted(false);
    await read();
    db = 1;
    await cache.changed(PRODUCT.toUpperCase());
    expect(await read()).toBe(1);
  });

  it('When not listening (never started, or lost), then every read goes to the database and nothing is cached', async () => {
    await read();
    await read();
    expect(loads).toBe(2);
    cache.listeningStarted(false);
    await read();
    cache.listeningStopped();
    db = 9;
    expect(await read()).toBe(9);
    expect(loads).toBe(4);
  });

  it('When listening resumes after a gap, then the cache is bypassed for one TTL and trusted again afterwards', async () => {
    cache.listeningStarted(false);
    cache.listeningStopped();
    cache.listeningStarted(true); // notifications may have been missed meanwhile
    expect(await read()).toBe(5);
    db = 2;
    jest.advanceTimersByTime(STOCK_TTL_SECONDS * 1000 - 1);
    expect(await read()).toBe(2);
    expect(loads).toBe(2);
    jest.advanceTimersByTime(2);
    // Entries filled before the gap have expired by now (same TTL): the level is loaded once and cached again.
    expect([await read(), await read()]).toEqual([2, 2]);
    expect(loads).toBe(3);
  });

  it('When LISTEN drops while a level is being loaded, then that level is returned but not cached', async () => {
    cache.listeningStarted(false);
    const slow = cache.available(PRODUCT, async () => {
      cache.listeningStopped();
      cache.listeningStarted(true);
      jest.advanceTimersByTime(STOCK_TTL_SECONDS * 1000 + 1);
      return 7;
    });
    expect(await slow).toBe(7);
    db = 8;
    expect(await read()).toBe(8);
  });

  it('When this instance changes a product, then it reads it from the database until its own notification arrived', async () => {
    cache.listeningStarted(false);
    await read();
    const tag = cache.expectOwnChange(PRODUCT);
    db = 3;
    expect(await read()).toBe(3); // committed, notification not heard yet
    await cache.changed(PRODUCT, 'another-instances-change');
    expect(await read()).toBe(3);
    expect(loads).toBe(3); // still uncached: someone else's notification does not settle ours
    await cache.changed(PRODUCT, tag);
    expect([await read(), await read()]).toEqual([3, 3]);
    expect(loads).toBe(4);
  });

  it('When an own change is refused or never commits, then the bypass ends at once (forgotten) or after one TTL', async () => {
    cache.listeningStarted(false);
    const refused = cache.expectOwnChange(PRODUCT);
    cache.forgetOwnChange(PRODUCT, refused);
    await read();
    await read();
    expect(loads).toBe(1);

    cache.expectOwnChange(PRODUCT); // rolled back: no notification will ever come
    await read();
    await read();
    expect(loads).toBe(3);
    jest.advanceTimersByTime(STOCK_TTL_SECONDS * 1000 + 1);
    await read();
    await read();
    expect(loads).toBe(3); // the cache is trusted again (its entry was never invalidated: nothing changed)
  });

  it('When an invalidation may not have reached Redis (the store counted an error), then the cache is bypassed for one TTL', async () => {
    cache.listeningStarted(false);
    await read();
    const stats = store.stats();
    jest
      .spyOn(store, 'stats')
      .mockReturnValueOnce(stats)
      .mockReturnValue({ ...stats, errors: stats.errors + 1 });
    db = 6;
    await cache.changed(PRODUCT);
    expect([await read(), await read()]).toEqual([6, 6]);
    expect(loads).toBe(3);
    jest.advanceTimersByTime(STOCK_TTL_SECONDS * 1000 + 1);
    await read();
    await read();
    expect(loads).toBe(4);
  });
});
