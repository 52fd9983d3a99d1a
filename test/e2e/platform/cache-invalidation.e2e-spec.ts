import { CacheStore } from '@keel/persistence/cache';
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { waitFor } from '../../support/processes';
import { TEST_REDIS_URL } from '../../support/test-app';

/**
 * Two API instances' caches (two CacheStores, one Redis, one key prefix) over
 * one source of truth. Whatever instance changes the data, neither instance's
 * in-process level keeps serving the old value. (The catalog e2e shows the
 * same with two real API instances: test/e2e/catalog/product-cache.e2e-spec.ts.)
 */
describe('Cache invalidation across instances (real Redis)', () => {
  const prefix = `test:cache:${randomBytes(4).toString('hex')}:`;
  const source = new Map<string, number>();
  let a: CacheStore;
  let b: CacheStore;
  let redis: Redis;

  const start = async () => {
    const store = new CacheStore({ redis: { url: TEST_REDIS_URL }, keyPrefix: prefix });
    await store.onModuleInit();
    await waitFor(() => (store as unknown as { subscribed: boolean }).subscribed, 'the invalidation subscription', 5000);
    return store;
  };
  const read = (store: CacheStore, key: string) => store.wrap(key, 300, async () => source.get(key) ?? null);
  /** What a command does: change the source of truth, then invalidate after commit. */
  const write = async (store: CacheStore, key: string, value: number) => {
    source.set(key, value);
    await store.delete(key);
  };

  beforeAll(async () => {
    [a, b] = await Promise.all([start(), start()]);
    redis = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    await Promise.all([a?.onApplicationShutdown(), b?.onApplicationShutdown()]);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('When instance A changes a value that instance B holds in its local level, then B stops serving the old value within milliseconds', async () => {
    source.set('product:1', 100);
    expect(await read(a, 'product:1')).toBe(100);
    expect(await read(b, 'product:1')).toBe(100);
    const localHits = b.stats().localHits;
    expect(await read(b, 'product:1')).toBe(100);
    expect(b.stats().localHits).toBe(localHits + 1); // B really serves it from its own memory

    await write(a, 'product:1', 200);
    expect(await read(a, 'product:1')).toBe(200);
    await waitFor(async () => (await read(b, 'product:1')) === 200, 'instance B to drop its local copy', 1000);

    await write(b, 'product:1', 300);
    await waitFor(async () => (await read(a, 'product:1')) === 300, 'instance A to drop its local copy', 1000);
  });

  it("When B's subscription drops and an invalidation is lost, then B stops serving its old copy, and hears invalidations again once back", async () => {
    source.set('product:2', 1);
    expect(await read(b, 'product:2')).toBe(1);
    const subscriber = (b as unknown as { subscriber: Redis }).subscriber;
    subscriber.disconnect(true); // drop the connection; ioredis reconnects and resubscribes on its own
    await write(a, 'product:2', 2); // B cannot hear this one
    await waitFor(async () => (await read(b, 'product:2')) === 2, 'B to stop serving the old copy', 3000);
    await waitFor(() => (b as unknown as { subscribed: boolean }).subscribed, 'B to resubscribe', 5000);
    expect(await read(b, 'product:2')).toBe(2);
    await write(a, 'product:2', 3);
    await waitFor(async () => (await read(b, 'product:2')) === 3, 'B to hear invalidations again', 1000);
  });

  it('When an invalidation message is lost while the connection stays up (e.g. a Redis failover), then B notices the gap in the sequence within seconds', async () => {
    source.set('product:4', 1);
    expect(await read(b, 'product:4')).toBe(1);
    expect(await read(b, 'product:4')).toBe(1); // a local hit from now on
    // Exactly what an invalidation does in Redis, minus the broadcast that got lost.
    source.set('product:4', 2);
    await redis.multi().incr(`${prefix}g:product:4`).del(`${prefix}v:product:4`).incr(`${prefix}invalidation-seq`).exec();
    // Without the audit, B would serve 1 from memory for up to the 30 s local cap.
    await waitFor(async () => (await read(b, 'product:4')) === 2, 'B to notice the lost invalidation', 4000);
    // Later invalidations are heard as before.
    await write(a, 'product:4', 3);
    await waitFor(async () => (await read(b, 'product:4')) === 3, 'B to hear the next invalidation', 1000);
  });

  it('When B loads a value while A changes it, then the value B loaded before the change is not cached anywhere', async () => {
    source.set('product:3', 10);
    let release!: () => void;
    const slow = b.wrap('product:3', 300, async () => {
      const loaded = source.get('product:3')!; // read before the change...
      await new Promise<void>((done) => (release = done));
      return loaded; // ...returned after it
    });
    await waitFor(() => release !== undefined, 'the slow load to start', 1000);
    await write(a, 'product:3', 20);
    release();
    expect(await slow).toBe(10); // the caller that raced gets what it read, but it is not cached
    expect(await read(b, 'product:3')).toBe(20);
    expect(await read(a, 'product:3')).toBe(20);
  });
});
