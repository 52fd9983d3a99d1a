import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from '../../support/processes';
import { startTestApp, TestApp } from '../../support/test-app';

const acceptsConnections = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

/** This file's own redis-server (the shared one is never stopped), without persistence: a restart loses the counters. */
function startRedis(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: 'ignore',
  });
  return waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`redis-server exited ${child.exitCode}`);
      return acceptsConnections(port);
    },
    'redis-server up',
    15_000,
  ).then(() => child);
}

const stop = (child: ChildProcess) =>
  new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });

describe('Rate limits when Redis fails', () => {
  let dir: string;
  let port: number;
  let redis: ChildProcess;
  let t: TestApp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keel-ratelimit-redis-'));
    port = await freePort();
    redis = await startRedis(port, dir);
    t = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${port}`, RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' });
  });
  afterAll(async () => {
    await t?.close();
    if (redis) await stop(redis);
    rmSync(dir, { recursive: true, force: true });
  });

  const products = () => t.http().get('/api/v1/products');

  it('When Redis goes down, then requests are still served at once (limits fail open); when it is back, limits are enforced again', async () => {
    expect((await products().expect(200)).headers['ratelimit-remaining']).toBe('2');
    await products().expect(200);
    await products().expect(200);
    await products().expect(429);

    await stop(redis);
    for (let i = 0; i < 5; i++) {
      const started = Date.now();
      await products().expect(200);
      expect(Date.now() - started).toBeLessThan(2000);
    }

    redis = await startRedis(port, dir);
    // The restarted Redis has no counters: the first request that reaches it starts a fresh window.
    await waitFor(async () => (await products()).headers['ratelimit-remaining'] === '2', 'rate-limit Redis reconnected', 20_000);
    await products().expect(200);
    await products().expect(200);
    const limited = await products().expect(429);
    expect(limited.headers['retry-after']).toEqual(expect.any(String));
  });
});
