import { countBoundedLru } from './count-bounded-lru';

describe('countBoundedLru', () => {
  it('When more entries than the bound are stored, then the least recently used go first and the count stays at the bound', () => {
    const cache = countBoundedLru<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    expect([...cache.keys()].sort()).toEqual(['a', 'c']);
    expect(cache.size).toBe(2);
  });

  it('When a TTL is given, then entries expire as with lru-cache', () => {
    jest.useFakeTimers();
    try {
      const cache = countBoundedLru<string, number>(10, { ttl: 1_000, perf: { now: () => Date.now() } });
      cache.set('a', 1);
      jest.advanceTimersByTime(1_001);
      expect(cache.get('a')).toBeUndefined();
    } finally {
      jest.useRealTimers();
    }
  });
});
