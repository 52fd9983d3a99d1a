import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { BatchedRedisStore } from '../../../libs/http/src/rate-limit/batched-redis.store';
import { startTestApp, TEST_REDIS_URL, type TestApp } from '../../support/test-app';

type Hit = { current: number; ttl: number };

/**
 * The rate limiter's store (batched-redis.store.ts) against the real Redis: two
 * stores on one Redis stand for two API instances. Far from its limit a client's
 * hits are counted locally and reach Redis in batches; near it every hit is exact.
 */
describe('Rate-limit counters batched to Redis (issue 13)', () => {
  let redis: Redis;
  const prefix = `keel-test-ratelimit-${randomUUID()}:`;
  const stores: BatchedRedisStore[] = [];
  const newStore = (flushIntervalMs = 60_000) => {
    const Store = BatchedRedisStore.for(redis, prefix, { flushIntervalMs });
    const store = new Store();
    stores.push(store);
    return store;
  };
  const hit = (store: BatchedRedisStore, key: string, max: number, windowMs = 60_000) =>
    new Promise<Hit>((resolve, reject) => store.incr(key, (error, result) => (error ? reject(error) : resolve(result!)), windowMs, max));
  const shared = async (key: string) => Number((await redis.get(prefix + key)) ?? 0);

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    stores.forEach((s) => s.close());
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('When a client is far from its limit, then only its first hit waits for Redis and the rest arrive in one batch', async () => {
    const store = newStore();
    const key = `ip:${randomUUID()}`;
    const seen: number[] = [];
    for (let i = 0; i < 100; i++) seen.push((await hit(store, key, 600)).current);
    expect(seen).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    // One synchronous increment so far; the other 99 wait for the flush.
    expect(await shared(key)).toBe(1);
    await store.flush();
    expect(await shared(key)).toBe(100);
    expect(await redis.pttl(prefix + key)).toBeGreaterThan(55_000);
  });

  it('When two instances serve one client, then each learns the other’s hits at its next flush or exact call', async () => {
    const [a, b] = [newStore(), newStore()];
    const key = `user:${randomUUID()}`;
    for (let i = 0; i < 40; i++) await hit(a, key, 600);
    await a.flush();
    // b's first hit asks Redis: it starts from a's 40.
    expect((await hit(b, key, 600)).current).toBe(41);
  });

  it('When a client nears its limit, then every hit is exact and the limit holds across instances', async () => {
    const [a, b] = [newStore(), newStore()];
    const key = `ip:${randomUUID()}`;
    const max = 100; // exact once fewer than 50 are left
    // 1 exact, 49 local, then the 51st adds the 49 with itself: from there on every hit is in Redis at once.
    for (let i = 0; i < 60; i++) await hit(a, key, max);
    expect(await shared(key)).toBe(60);
    const seen: number[] = [];
    for (let i = 0; i < 45; i++) seen.push((await hit(i % 2 ? a : b, key, max)).current);
    expect(seen).toEqual(Array.from({ length: 45 }, (_, i) => 61 + i));
    expect(await shared(key)).toBe(105);
  });

  it('When a limit is smaller than the exact margin, then every hit goes to Redis (small limits are never batched)', async () => {
    const store = newStore();
    const key = `auth-ip:${randomUUID()}`;
    for (let i = 1; i <= 5; i++) {
      expect((await hit(store, key, 10)).current).toBe(i);
      expect(await shared(key)).toBe(i);
    }
  });

  it('When the window ends, then the next hit starts a new one in Redis', async () => {
    const store = newStore();
    const key = `ip:${randomUUID()}`;
    for (let i = 0; i < 10; i++) await hit(store, key, 600, 300);
    await store.flush();
    await sleep(400);
    expect(await hit(store, key, 600, 300)).toMatchObject({ current: 1 });
  });

  describe('two API instances with a production-sized limit', () => {
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      a = await startTestApp({ RATE_LIMIT_MAX: '120', RATE_LIMIT_WINDOW_MS: '60000' }, { redis: true });
      b = await startTestApp({ RATE_LIMIT_MAX: '120', RATE_LIMIT_WINDOW_MS: '60000', DATABASE_URL: a.db.url }, { redis: true });
    });
    afterAll(async () => {
      await b?.close();
      await a?.close();
    });

    it('When one client spreads 130 requests over both instances, then the batched counters still stop it at its limit', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 130; i++) {
        const t = i % 2 ? b : a;
        statuses.push((await t.http().get('/api/v1/products')).status);
        // The default flush interval (100 ms) passes now and then, as it would between real requests.
        if (i % 20 === 19) await sleep(300);
      }
      expect(statuses.filter((s) => s === 200)).toHaveLength(120);
      expect(statuses.slice(120)).toEqual(Array(10).fill(429));
    });
  });
});
