import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from '../../support/processes';
import { RedisServer } from '../../support/redis-server';
import { startTestApp, TestApp } from '../../support/test-app';

describe('Rate limits when Redis fails', () => {
  let dir: string;
  let port: number;
  let redis: RedisServer;
  let t: TestApp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keel-ratelimit-redis-'));
    port = await freePort();
    // Its own Redis without persistence: a restart loses the counters.
    redis = new RedisServer(dir, port, { appendonly: false });
    await redis.start();
    t = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${port}`, RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' });
  });
  afterAll(async () => {
    await t?.close();
    await redis?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  const products = () => t.http().get('/api/v1/products');

  it('When Redis goes down, then requests are still served at once (limits fail open); when it is back, limits are enforced again', async () => {
    expect((await products().expect(200)).headers['ratelimit-remaining']).toBe('2');
    await products().expect(200);
    await products().expect(200);
    await products().expect(429);

    await redis.kill();
    for (let i = 0; i < 5; i++) {
      const started = Date.now();
      await products().expect(200);
      expect(Date.now() - started).toBeLessThan(2000);
    }

    await redis.start();
    // The restarted Redis has no counters: the first request that reaches it starts a fresh window.
    await waitFor(async () => (await products()).headers['ratelimit-remaining'] === '2', 'rate-limit Redis reconnected', 20_000);
    await products().expect(200);
    await products().expect(200);
    const limited = await products().expect(429);
    expect(limited.headers['retry-after']).toEqual(expect.any(String));
  });
});
