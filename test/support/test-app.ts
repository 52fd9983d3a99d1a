import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { validateEnvironment } from '@keel/kernel';
import { OutboxRelay, QueueRegistry } from '@keel/messaging';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';
import { TestObjectStorage } from './object-storage';
import { createTestDatabase, TestDatabase } from './test-database';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestAppOptions {
  /** Also run the worker (outbox relay + event consumers) in this process. */
  worker?: boolean;
  /** Queues on Redis (REDIS_URL, unique prefix) instead of BullMQ's PostgreSQL backend. */
  redis?: boolean;
  /** Use this (already migrated) database instead of creating one; it is dropped on close. */
  database?: TestDatabase;
  /** Listen on this port instead of an ephemeral one (e.g. so PORT, and links built from it, match). */
  port?: number;
}

export interface TestApp {
  app: NestFastifyApplication;
  worker?: INestApplicationContext;
  db: TestDatabase;
  dataSource: DataSource;
  http: () => ReturnType<typeof request>;
  /** Waits until every outbox row is relayed and no queue has waiting, active or delayed jobs. */
  waitForQuiet(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real API (same factory as main.ts) on an ephemeral port, against its own
 * freshly migrated database; optionally the real worker beside it. `env`
 * overrides variables for this app only.
 */
export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const db = options.database ?? (await createTestDatabase());
  // Object storage is real too: a test that brings none gets its own S3 server (the embedded one),
  // so jobs that store files (invoices of paid orders) finish instead of retrying into the void.
  const storage = env.S3_ENDPOINT ? undefined : await TestObjectStorage.start();
  delete process.env.REDIS_URL;
  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JWT_SECRET: TEST_JWT_SECRET,
    DATABASE_URL: db.url,
    QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`,
    OUTBOX_POLL_INTERVAL_MS: '200',
    // Payments are on by default everywhere; test apps of other contexts run without a payment
    // sandbox, so they switch charging off. Payment tests pass PAYMENTS_ENABLED=true (payments-fixtures.ts).
    PAYMENTS_ENABLED: 'false',
    // Suites create many users from 127.0.0.1 within seconds: limits high enough never to trip
    // (the rate-limit suite sets its own). Reset here so one app's overrides never leak into the next.
    RATE_LIMIT_ENABLED: 'true',
    RATE_LIMIT_MAX: '100000',
    AUTH_RATE_LIMIT_MAX_PER_IP: '100000',
    AUTH_RATE_LIMIT_MAX_PER_ACCOUNT: '100000',
    ...(options.redis ? { REDIS_URL: TEST_REDIS_URL } : {}),
    ...storage?.env,
    ...env,
  });
  const app = await createApiApp(validateEnvironment(process.env));
  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  let worker: INestApplicationContext | undefined;
  if (options.worker) {
    worker = await createWorkerApp();
    await worker.init();
  }
  const server = app.getHttpServer();
  const dataSource = app.get<DataSource>(getDataSourceToken());

  const waitForQuiet = async (timeoutMs = 20_000) => {
    if (!worker) throw new Error('waitForQuiet needs startTestApp(..., { worker: true })');
    const relay = worker.get(OutboxRelay);
    const queues = worker.get(QueueRegistry).all();
    const deadline = Date.now() + timeoutMs;
    let quietChecks = 0;
    while (Date.now() < deadline) {
      await relay.drain();
      const [{ unsent }] = await dataSource.query(`SELECT count(*)::int AS unsent FROM platform.outbox WHERE sent_at IS NULL`);
      const counts = await Promise.all(
        queues.map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children')),
      );
      const busy = unsent + counts.reduce((sum, c) => sum + Object.values(c).reduce((a, b) => a + b, 0), 0);
      // Quiet twice in a row: a finishing job may publish new events just after we looked.
      quietChecks = busy === 0 ? quietChecks + 1 : 0;
      if (quietChecks >= 2) return;
      await sleep(50);
    }
    throw new Error(`Queues did not go quiet in ${timeoutMs} ms: ${await describeBusy(dataSource, queues)}`);
  };

  return {
    app,
    worker,
    db,
    dataSource,
    http: () => request(server),
    waitForQuiet,
    close: async () => {
      await worker?.close();
      await app.close();
      await db.drop();
      await storage?.close();
    },
  };
}

/**
 * What keeps the system busy, for a waitForQuiet timeout: unsent outbox rows and, per queue, its
 * non-zero job counts and a few waiting or delayed jobs with their attempts and last error (a job
 * retrying with backoff on a loaded machine reads differently from one stuck for good).
 */
async function describeBusy(dataSource: DataSource, queues: ReturnType<QueueRegistry['all']>): Promise<string> {
  const [{ unsent }] = await dataSource.query(`SELECT count(*)::int AS unsent FROM platform.outbox WHERE sent_at IS NULL`);
  const parts = [`outbox unsent ${unsent}`];
  for (const queue of queues) {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
    const busy = Object.entries(counts).filter(([, n]) => n > 0);
    if (busy.length === 0) continue;
    const jobs = await queue.getJobs(['active', 'delayed', 'waiting'], 0, 4);
    const samples = jobs
      .filter(Boolean)
      .map((job) => `${job.name} attempts ${job.attemptsMade}${job.failedReason ? ` (${job.failedReason.slice(0, 160)})` : ''}`);
    parts.push(`${queue.name}: ${busy.map(([state, n]) => `${state} ${n}`).join(', ')}${samples.length ? ` [${samples.join('; ')}]` : ''}`);
  }
  return parts.join(' | ');
}
