import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { KeelClient } from '../support/flow';
import { freePort, runNode, RunningProcess, statusOf, waitFor } from '../support/processes';
import { SmtpSink } from '../support/smtp-sink';
import { createTestDatabase, TestDatabase } from '../support/test-database';

jest.setTimeout(180_000);

const ADMIN = { email: 'flow-admin@example.com', password: 'flow admin password' };
const TERMINAL = (s: string) => s !== 'PENDING';

/** A throw-away Redis with AOF persistence (as production BullMQ Redis should run). */
class OwnRedis {
  private process?: ChildProcess;
  readonly dir = mkdtempSync(join(tmpdir(), 'keel-redis-'));
  constructor(readonly port: number) {}
  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }
  async start() {
    this.process = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--dir',
        this.dir,
      ],
      {
        stdio: 'ignore',
      },
    );
    await waitFor(
      async () => {
        const net = await import('node:net');
        return new Promise<boolean>((ok) => {
          const s = net.connect(this.port, '127.0.0.1', () => (s.end(), ok(true)));
          s.on('error', () => ok(false));
        });
      },
      'redis up',
      10_000,
    );
  }
  async stop() {
    const p = this.process;
    if (!p || p.exitCode !== null) return;
    await new Promise<void>((done) => {
      p.once('exit', () => done());
      p.kill('SIGTERM');
    });
  }
  cleanup() {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

describe('Order flow under faults (real processes)', () => {
  // SMTP_URL is required with NODE_ENV=production: mail goes to a real local SMTP server.
  let smtp: SmtpSink;
  let db: TestDatabase;
  let redis: OwnRedis;
  let api: RunningProcess;
  let client: KeelClient;
  let admin: string;
  const workers: RunningProcess[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    db = await createTestDatabase();
    redis = new OwnRedis(await freePort());
    await redis.start();
    const port = await freePort();
    env = {
      NODE_ENV: 'production',
      SMTP_URL: smtp.url,
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: 'faults',
      // No payment sandbox here: orders stop at CONFIRMED (payments have their own tests).
      PAYMENTS_ENABLED: 'false',
      JWT_SECRET: 'fault-test-secret-that-is-long-enough-0123456789',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
      QUEUE_LOCK_DURATION_MS: '2000',
      OUTBOX_POLL_INTERVAL_MS: '200',
      SHUTDOWN_DRAIN_MS: '0',
    };
    api = runNode('dist/apps/api/src/main.js', { ...env, PORT: String(port), METRICS_PORT: String(await freePort()) });
    client = new KeelClient(`http://127.0.0.1:${port}`, db.url);
    await waitFor(async () => (await statusOf(`${client.base}/health/live`)) === 200, 'API up');
    admin = await client.login(ADMIN.email, ADMIN.password);
  });

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    if (api?.child.exitCode === null) api.child.kill('SIGKILL');
    await redis?.stop();
    redis?.cleanup();
    await db?.drop();
    await smtp?.stop();
  });

  const startWorker = async () => {
    const port = await freePort();
    const w = runNode('dist/apps/worker/src/main.js', { ...env, WORKER_PORT: String(port) });
    workers.push(w);
    await waitFor(async () => {
      if (w.child.exitCode !== null) throw new Error(`worker exited: ${w.output()}`);
      return (await statusOf(`http://127.0.0.1:${port}/health/live`)) === 200;
    }, 'worker up');
    return w;
  };

  const sql = async <T>(query: string, params: unknown[] = []): Promise<T[]> => {
    const c = new Client({ connectionString: db.url });
    await c.connect();
    try {
      return (await c.query(query, params)).rows as T[];
    } finally {
      await c.end();
    }
  };

  it('When a worker is SIGKILLed mid-flow, then another worker completes every order with each effect applied once', async () => {
    const customer = await client.customer();
    const productId = await client.product(admin, 1000);
    const placed = await Promise.all(Array.from({ length: 60 }, () => client.placeOrder(customer, productId, 2)));
    expect(placed.map((r) => r.status)).toEqual(Array(60).fill(201));
    const ids = placed.map((r) => r.body.id as string);

    const first = await startWorker();
    // Kill it as soon as it has started confirming orders, with work still in flight.
    await waitFor(
      async () => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM platform.inbox`))[0].n > 0,
      'first effects',
      30_000,
    );
    first.child.kill('SIGKILL');
    await first.exited;
    const [{ n: doneAtKill }] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM platform.inbox WHERE consumer = 'orders.confirm-on-stock-reserved'`,
    );
    expect(doneAtKill).toBeLessThan(60);

    await startWorker();
    const orders = await client.waitForOrders(admin, ids, TERMINAL, 90_000);
    expect(orders.every((o) => o.status === 'CONFIRMED')).toBe(true);
    for (const o of orders) expect(o.history.filter((h) => h.status === 'CONFIRMED')).toHaveLength(1);
    const product = await client.call('GET', `/api/v1/products/${productId}`);
    expect(product.body.stock).toBe(1000 - 60 * 2);
    // One email per (order, event), whatever was redelivered.
    await waitFor(
      async () => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM notifications.notifications WHERE status = 'SENT'`))[0].n >= 60,
      'emails',
      30_000,
    );
    const dupes = await sql(`SELECT dedupe_key FROM notifications.notifications GROUP BY dedupe_key HAVING count(*) > 1`);
    expect(dupes).toEqual([]);
  });

  it('When a worker gets SIGTERM mid-flow, then it finishes its active jobs, exits 0, and nothing is lost', async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    const customer = await client.customer();
    const productId = await client.product(admin, 500);
    const placed = await Promise.all(Array.from({ length: 40 }, () => client.placeOrder(customer, productId, 1)));
    const ids = placed.map((r) => r.body.id as string);
    const before = (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM platform.inbox`))[0].n;
    const worker = await startWorker();
    await waitFor(
      async () => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM platform.inbox`))[0].n > before,
      'work started',
      30_000,
    );
    worker.child.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);
    expect(worker.output()).not.toMatch(/"level":50/); // no error logged while draining
    await startWorker();
    const orders = await client.waitForOrders(admin, ids, TERMINAL, 90_000);
    expect(orders.every((o) => o.status === 'CONFIRMED' && o.history.filter((h) => h.status === 'CONFIRMED').length === 1)).toBe(true);
  });

  it('When Redis is down while orders are placed, then every order is accepted and processed once Redis returns', async () => {
    if (!workers.some((w) => w.child.exitCode === null)) await startWorker();
    const customer = await client.customer();
    const productId = await client.product(admin, 100);
    await redis.stop();
    const placed = [];
    for (let i = 0; i < 15; i++) placed.push(await client.placeOrder(customer, productId, 1));
    expect(placed.map((r) => r.status)).toEqual(Array(15).fill(201));
    // Reads do not need Redis either.
    expect((await client.call('GET', `/api/v1/products/${productId}`)).status).toBe(200);
    await sleep(1000);
    await redis.start();
    const orders = await client.waitForOrders(
      admin,
      placed.map((r) => r.body.id as string),
      TERMINAL,
      90_000,
    );
    expect(orders.map((o) => o.status)).toEqual(Array(15).fill('CONFIRMED'));
    const product = await client.call('GET', `/api/v1/products/${productId}`);
    expect(product.body.stock).toBe(85);
  });
});
