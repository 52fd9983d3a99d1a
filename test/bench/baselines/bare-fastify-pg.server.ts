/**
 * Baseline for R2 and W1: bare Fastify + pg running the same SQL as Keel does
 * for GET /api/v1/orders/:id (one statement: the order with its items and
 * history as JSON) and POST /api/v1/orders (one transaction: idempotency claim
 * under a short lock_timeout, catalog read, order + items + history, outbox row
 * + NOTIFY, idempotency completion) — against the same tables, with the same pool size. What it
 * leaves out is exactly what Keel adds: auth, validation, DDD mapping, CQRS,
 * logging, metrics and tracing.
 */
import Fastify from 'fastify';
import { createHash, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { INSERT_ORDER_SQL, ORDER_SNAPSHOT_SQL } from '../../../libs/orders/src/infrastructure/persistence/order.sql';

/** Owner of every baseline order: the harness deletes them before Keel's own scenarios run. */
export const BASELINE_USER_ID = '00000000-0000-4000-8000-00000000b0b0';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_MAX ?? 10) });

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are read by column name, as in a hand-written handler
type Query = (sql: string, params?: unknown[]) => Promise<{ rows: any[] }>;

async function inTransaction<T>(isolation: string, work: (q: Query) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(`BEGIN ISOLATION LEVEL ${isolation}`);
    const result = await work((sql, params) => client.query(sql, params));
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function main(): Promise<void> {
  const app = Fastify({ logger: false });

  app.get<{ Params: { id: string } }>('/api/v1/orders/:id', async (request, reply) => {
    const { rows } = await pool.query(ORDER_SNAPSHOT_SQL, [request.params.id]);
    if (rows.length === 0) return reply.code(404).send({ title: 'Not found' });
    return rows[0];
  });

  app.post<{ Body: { items: Array<{ productId: string; quantity: number }>; payment: { provider: string; method: string } } }>(
    '/api/v1/orders',
    async (request, reply) => {
      const key = String(request.headers['idempotency-key']);
      const hash = createHash('sha256').update(JSON.stringify(request.body)).digest('hex');
      const ids = request.body.items.map((i) => i.productId);
      const id = randomUUID();
      const now = new Date();
      const body = await inTransaction('READ COMMITTED', async (q) => {
        // Keel's claim: the key row inside the command's transaction (CommandPipeline, IdempotencyStore).
        await q(`SELECT set_config('lock_timeout', '1000ms', true)`);
        const claimed = await q(
          `INSERT INTO platform.idempotency_keys (scope, key, request_hash, status, created_at, expires_at)
           VALUES ($1, $2, $3, 'in_flight', now(), now() + interval '1 day')
           ON CONFLICT DO NOTHING RETURNING key`,
          ['bench', key, hash],
        );
        await q(`SET LOCAL lock_timeout TO DEFAULT`);
        if (claimed.rows.length === 0) return undefined;
        const { rows: products } = await q('SELECT id, sku, name, price_amount, price_currency FROM catalog.products WHERE id = ANY($1)', [
          ids,
        ]);
        let total = 0;
        const lines = request.body.items.map((item, index) => {
          const product = products.find((p) => p.id === item.productId);
          const unit = Number(product.price_amount);
          total += unit * item.quantity;
          return [id, index + 1, item.productId, product.sku, product.name, unit, item.quantity, unit * item.quantity];
        });
        // Keel's statements (order + items + history in one, then the outbox row with its NOTIFY).
        await q(INSERT_ORDER_SQL, [
          id,
          BASELINE_USER_ID,
          'PENDING',
          null,
          total,
          products[0].price_currency,
          request.body.payment.provider,
          request.body.payment.method,
          now,
          now,
          1,
          lines.map((l) => l[1]),
          lines.map((l) => l[2]),
          lines.map((l) => l[3]),
          lines.map((l) => l[4]),
          lines.map((l) => l[5]),
          lines.map((l) => l[6]),
          lines.map((l) => l[7]),
          [1],
          ['PENDING'],
          [null],
          [now],
        ]);
        const payload = { orderId: id, items: request.body.items };
        // A different event name than Keel's, already marked sent: the baseline's rows never reach Keel's consumers.
        await q(
          `WITH inserted AS (
             INSERT INTO platform.outbox (id, event_name, aggregate_id, payload, occurred_at, sent_at)
             SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::timestamptz[], $6::timestamptz[])
             RETURNING 1)
           SELECT pg_notify('bench_baseline', '') FROM (SELECT count(*) FROM inserted) AS published`,
          [[randomUUID()], ['bench.BaselineOrderPlaced'], [id], [JSON.stringify(payload)], [now], [now]],
        );
        const response = { id, status: 'PENDING', total: { amount: total, currency: products[0].price_currency }, items: lines.length };
        await q(
          `UPDATE platform.idempotency_keys SET status = 'completed', response_status = 201, response_body = $3 WHERE scope = $1 AND key = $2`,
          ['bench', key, response],
        );
        return response;
      });
      if (!body) return reply.code(409).send({ title: 'Conflict' });
      return reply.code(201).send(body);
    },
  );

  await app.listen({ port: Number(process.env.BENCH_PORT), host: '127.0.0.1' });
  process.stdout.write('listening\n');
}

if (require.main === module) void main();
