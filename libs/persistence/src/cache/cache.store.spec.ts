import { cacheKeyPrefixFor } from './cache-key-prefix';
import { CacheStore } from './cache.store';

const store = () => new CacheStore({ keyPrefix: 'test:' });

describe('CacheStore (in-process level only)', () => {
  it('When a key is wrapped twice, then the loader runs once and the second read is a local hit', async () => {
    const cache = store();
    const load = jest.fn(async () => ({ price: 1 }));
    expect(await cache.wrap('k', 60, load)).toEqual({ price: 1 });
    expect(await cache.wrap('k', 60, load)).toEqual({ price: 1 });
    expect(load).toHaveBeenCalledTimes(1);
    expect(cache.stats()).toMatchObject({ localHits: 1, misses: 1, sets: 1 });
  });

  it('When a cached value is mutated by a caller, then the cache is not', async () => {
    const cache = store();
    const first = await cache.wrap('k', 60, async () => ({ tags: ['a'] }));
    first.tags.push('b');
    expect(await cache.get('k')).toEqual({ tags: ['a'] });
  });

  it('When a key is deleted, then the next read loads again', async () => {
    const cache = store();
    await cache.set('k', 1, 60);
    await cache.delete('k');
    expect(await cache.get('k')).toBeUndefined();
    expect(await cache.wrap('k', 60, async () => 2)).toBe(2);
  });

  it('When a key is invalidated while its value loads, then the loaded (possibly stale) value is returned but not cached', async () => {
    const cache = store();
    let release!: () => void;
    const slowLoad = cache.wrap('k', 60, () => new Promise<string>((done) => (release = () => done('old'))));
    await Promise.resolve();
    await cache.delete('k'); // a writer committed while the reader was loading
    release();
    expect(await slowLoad).toBe('old');
    expect(await cache.wrap('k', 60, async () => 'new')).toBe('new');
  });

  it('When the loader returns null, then nothing is cached', async () => {
    const cache = store();
    expect(await cache.wrap('k', 60, async () => null)).toBeNull();
    expect(await cache.wrap('k', 60, async () => 'found')).toBe('found');
  });

  it('When the TTL has passed, then the entry is gone', async () => {
    const cache = store();
    await cache.set('k', 1, 0.05);
    expect(await cache.get('k')).toBe(1);
    await new Promise((done) => setTimeout(done, 80));
    expect(await cache.get('k')).toBeUndefined();
  });
});

describe('cacheKeyPrefixFor', () => {
  it('When two URLs name the same database with different credentials, then the prefix is the same; another database differs', () => {
    const a = cacheKeyPrefixFor('postgres://app:secret@db:5432/keel');
    expect(cacheKeyPrefixFor('postgres://other:pw@db:5432/keel')).toBe(a);
    expect(cacheKeyPrefixFor('postgres://app:secret@db:5432/keel_test_1')).not.toBe(a);
    expect(a).not.toContain('secret');
  });
});
