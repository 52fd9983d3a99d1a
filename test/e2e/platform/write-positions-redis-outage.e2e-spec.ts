import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { WritePositionStore } from '../../../libs/persistence/src/database/write-positions.store';
import { freePort, waitFor } from '../../support/processes';
import { RedisServer } from '../../support/redis-server';

/**
 * Read-your-writes across a Redis outage (found by the system test): a write
 * recorded while Redis was down never reaches the shared store, so once Redis
 * is back "no recent write" must not be believed until the positions' TTL has
 * passed — on the writing instance and on every other one.
 */
describe('Write positions when Redis fails', () => {
  const TTL_MS = 1_500;
  let dir: string;
  let port: number;
  let redis: RedisServer;
  let writer: WritePositionStore;
  let reader: WritePositionStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keel-ryw-redis-'));
    port = await freePort();
    // Its own Redis without persistence: stopped, it comes back empty.
    redis = new RedisServer(dir, port, { appendonly: false });
    await redis.start();
    const options = { redisUrl: `redis://127.0.0.1:${port}`, keyPrefix: 'keel:ryw-test:', ttlMs: TTL_MS };
    writer = new WritePositionStore(options);
    reader = new WritePositionStore(options);
    await Promise.all([writer.connect(), reader.connect()]);
  });
  afterAll(async () => {
    await Promise.all([writer?.close(), reader?.close()]);
    await redis?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('When Redis answers, then a write on one instance is seen by another, and a user without writes reads anywhere', async () => {
    await writer.record('user-a', 100n);
    expect(await reader.positionOf('user-a')).toEqual({ kind: 'at', lsn: 100n });
    expect(await reader.positionOf('user-b')).toEqual({ kind: 'none' });
  });

  it('When Redis is down and comes back empty, then every position is unknown until one TTL has passed, on every instance', async () => {
    await redis.kill();
    await waitFor(async () => (await reader.positionOf('user-b')).kind === 'unknown', 'reader notices the outage', 10_000);
    await writer.record('user-b', 200n); // lost: Redis is down
    await redis.start(); // no persistence: comes back empty
    await waitFor(async () => (writer as unknown as { redis: { status: string } }).redis.status === 'ready', 'writer reconnected', 15_000);
    await waitFor(async () => (reader as unknown as { redis: { status: string } }).redis.status === 'ready', 'reader reconnected', 15_000);
    // Redis has no position for user-b, but the write happened: nobody may send user-b to a replica yet.
    expect(await reader.positionOf('user-b')).toEqual({ kind: 'unknown' });
    expect(await writer.positionOf('user-b')).toEqual({ kind: 'unknown' });
    await sleep(TTL_MS + 200);
    // One TTL later the lost position would have expired anyway: "no recent write" is true again.
    expect(await reader.positionOf('user-b')).toEqual({ kind: 'none' });
    expect(await writer.positionOf('user-b')).toEqual({ kind: 'none' });
  }, 60_000);

  it('When this instance wrote and Redis holds an older position, then its own newer write counts', async () => {
    await writer.record('user-c', 300n);
    // Another instance's older write lands in Redis afterwards (RECORD_MAX keeps the newer one anyway).
    await reader.record('user-c', 250n);
    expect(await writer.positionOf('user-c')).toEqual({ kind: 'at', lsn: 300n });
    expect(await reader.positionOf('user-c')).toEqual({ kind: 'at', lsn: 300n });
  }, 60_000);
});
