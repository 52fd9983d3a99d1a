import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { KeelClient } from '../support/flow';
import { freePort, runNode, RunningProcess, statusOf, waitFor } from '../support/processes';
import { SmtpSink } from '../support/smtp-sink';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * The compiled API is SIGKILLed (as an OOM kill or a node failure does) while it
 * holds `POST /orders` requests in flight inside their transactions, each having
 * claimed its Idempotency-Key. The claim lives in the command's transaction, so
 * PostgreSQL's abort of the dead process's transactions releases the keys at
 * once: after a restart, each client's retry with its key gets its order
 * straight away, and no key ends up with two orders.
 */
jest.setTimeout(180_000);

const ADMIN = { email: 'crash-admin@example.com', password: 'crash admin password' };
const IN_FLIGHT = 6;
/** Issue 18's bound: every key has its order this soon after the restarted API is ready. */
const RETRY_BOUND_MS = 2000;

describe('Idempotency-Key after the API is killed mid-request (real process)', () => {
  // SMTP_URL is required with NODE_ENV=production: mail goes to a real local SMTP server.
  let smtp: SmtpSink;
  let db: TestDatabase;
  let env: Record<string, string>;
  let api: RunningProcess;
  let client: KeelClient;
  let holder: Client | undefined;

  const startApi = async () => {
    const port = await freePort();
    api = runNode('dist/apps/api/src/main.js', { ...env, PORT: String(port), METRICS_PORT: String(await freePort()) });
    client = new KeelClient(`http://127.0.0.1:${port}`, db.url);
    await waitFor(async () => {
      if (api.child.exitCode !== null) throw new Error(`API exited: ${api.output()}`);
      return (await statusOf(`${client.base}/health/ready`)) === 200;
    }, 'API ready');
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

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    db = await createTestDatabase();
    env = {
      NODE_ENV: 'production',
      SMTP_URL: smtp.url,
      DATABASE_URL: db.url,
      JWT_SECRET: 'crash-test-secret-that-is-long-enough-0123456789',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
      PAYMENTS_ENABLED: 'false',
      SHUTDOWN_DRAIN_MS: '0',
    };
    await startApi();
  });

  afterAll(async () => {
    await holder?.end().catch(() => undefined);
    if (api?.child.exitCode === null) api.child.kill('SIGKILL');
    await db?.drop();
    await smtp?.stop();
  });

  it('When the API is SIGKILLed with orders in flight, then after a restart each key gets its order within 2 s, none twice', async () => {
    const admin = await client.login(ADMIN.email, ADMIN.password);
    const customer = await client.customer();
    const me = await client.call('GET', '/api/v1/users/me', { token: customer });
    const productId = await client.product(admin, 100);
    const keys = Array.from({ length: IN_FLIGHT }, () => randomUUID());

    // Keep the requests in flight inside their transactions: a SHARE lock on orders.orders (what a
    // non-concurrent index build takes) lets each claim its key, then holds it at its order INSERT.
    holder = new Client({ connectionString: db.url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE orders.orders IN SHARE MODE');
    const first = keys.map((key) =>
      client.placeOrder(customer, productId, 1, key).then(
        (res) => `answered ${res.status}`,
        () => 'connection lost',
      ),
    );
    await waitFor(
      async () =>
        (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = 'orders.orders'::regclass`))[0]
          .n === IN_FLIGHT,
      'every request waiting at its order INSERT',
      10_000,
    );
    // Claimed, but only inside the uncommitted transactions: nothing is visible yet.
    expect(await sql(`SELECT key FROM platform.idempotency_keys`)).toEqual([]);

    api.child.kill('SIGKILL');
    expect((await api.exited).signal).toBe('SIGKILL');
    expect(await Promise.all(first)).toEqual(Array(IN_FLIGHT).fill('connection lost'));
    // The slow statement ends; the dead process's backends then find their client gone and abort.
    await holder.query('COMMIT');
    await holder.end();
    holder = undefined;

    await startApi();
    const readyAt = Date.now();
    // Each client retries its own key, as a well-behaved client does on a network error or a 409.
    const outcomes = await Promise.all(
      keys.map(async (key) => {
        const attempts: number[] = [];
        for (;;) {
          const res = await client.placeOrder(customer, productId, 1, key);
          attempts.push(res.status);
          if (res.status === 201 || Date.now() - readyAt > RETRY_BOUND_MS) {
            return { key, attempts, id: res.body?.id as string | undefined, after: Date.now() - readyAt };
          }
          await sleep(100);
        }
      }),
    );
    expect(outcomes.filter((o) => o.attempts[o.attempts.length - 1] !== 201)).toEqual([]);
    for (const o of outcomes) expect(o.after).toBeLessThanOrEqual(RETRY_BOUND_MS);

    // One order per key: the customer has exactly one order for each key, and each key stores its own.
    const orders = await sql<{ id: string }>(`SELECT id FROM orders.orders WHERE user_id = $1`, [me.body.id]);
    expect(orders.map((o) => o.id).sort()).toEqual(outcomes.map((o) => o.id).sort());
    const stored = await sql<{ key: string; status: string; id: string }>(
      `SELECT key, status, response_body->>'id' AS id FROM platform.idempotency_keys WHERE key = ANY($1)`,
      [keys],
    );
    expect(stored.map((s) => ({ key: s.key, status: s.status, id: s.id })).sort((a, b) => a.key.localeCompare(b.key))).toEqual(
      outcomes.map((o) => ({ key: o.key, status: 'completed', id: o.id })).sort((a, b) => a.key.localeCompare(b.key)),
    );
  });
});
