import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { validateEnvironment } from '@keel/kernel';
import { cacheKeyPrefixFor } from '@keel/persistence/cache';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createApiApp } from '../../../apps/api/src/create-api-app';
import { STOCK_ITEM_REPOSITORY, type StockItemRepository } from '../../../libs/inventory/src/domain';
import { waitFor } from '../../support/processes';
import { TEST_REDIS_URL } from '../../support/test-app';
import { sql } from '../catalog/catalog-fixtures';
import { bearer, createProduct, customer, type OrdersTestApp, startOrdersApp } from '../orders/orders-fixtures';

type Http = () => ReturnType<typeof request>;

/**
 * GET /products/:id reads stock through inventory's cache (ADR 0010). Two API
 * instances (A with the worker, B beside it) share one database and one
 * Redis, as behind a load balancer. Freshness after every kind of change, on
 * both instances, and proof that a repeated read costs no stock query.
 */
describe('Stock level cache', () => {
  let t: OrdersTestApp;
  let second: NestFastifyApplication;
  let redis: Redis;
  const a: Http = () => t.http();
  const b: Http = () => request(second.getHttpServer());

  beforeAll(async () => {
    t = await startOrdersApp({ worker: true, redis: true });
    // Same environment (database, Redis, queue prefix): the second instance behind the same load balancer.
    second = await createApiApp(validateEnvironment({ ...process.env, DATABASE_URL: t.db.url }));
    await second.listen({ port: 0, host: '127.0.0.1' });
    redis = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    redis?.disconnect();
    await second?.close();
    await t?.close();
  });

  const stockOn = async (http: Http, productId: string) => (await http().get(`/api/v1/products/${productId}`).expect(200)).body.stock;
  /** Counts the stock queries one instance makes (its own repository instance). */
  const countQueries = (app: NestFastifyApplication) => jest.spyOn(app.get<StockItemRepository>(STOCK_ITEM_REPOSITORY), 'findByProductIds');
  const adjust = (http: Http, productId: string, delta: number) =>
    http()
      .post(`/api/v1/products/${productId}/stock-adjustments`)
      .set(bearer(t.adminToken))
      .send({ delta, reason: 'stock cache test' })
      .expect(200);
  /** Another instance shows a change once it heard the NOTIFY: milliseconds, far below the 30 s TTL. */
  const eventually = (http: Http, productId: string, expected: number) =>
    waitFor(async () => (await stockOn(http, productId)) === expected, `stock ${expected} on the other instance`, 2_000);
  const redisEntry = (productId: string) => redis.get(`${cacheKeyPrefixFor(t.db.url)}v:inventory:stock:v1:${productId}`);
  const listeners = async () =>
    (
      await sql<{ n: number }>(
        t,
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'keel-stock-listener'`,
      )
    )[0].n;

  afterEach(() => jest.restoreAllMocks());

  it('When a product is read repeatedly on both instances, then only the first read queries stock; the second instance finds it in Redis', async () => {
    const product = await createProduct(t, { stock: 7 });
    const onA = countQueries(t.app);
    const onB = countQueries(second);
    for (let i = 0; i < 5; i++) expect(await stockOn(a, product.id)).toBe(7);
    for (let i = 0; i < 5; i++) expect(await stockOn(b, product.id)).toBe(7);
    expect(onA).toHaveBeenCalledTimes(1);
    expect(onB).toHaveBeenCalledTimes(0);
    expect(JSON.parse((await redisEntry(product.id)) ?? 'null')).toEqual({ available: 7 });
  });

  it('When an admin adjusts stock on one instance, then its very next read shows it and the other instance follows at once', async () => {
    const product = await createProduct(t, { stock: 10 });
    let expected = 10;
    for (let i = 0; i < 10; i++) {
      // Warm both instances with the current value, then change it through one of them.
      expect(await stockOn(a, product.id)).toBe(expected);
      expect(await stockOn(b, product.id)).toBe(expected);
      const [writer, reader] = i % 2 === 0 ? [a, b] : [b, a];
      const delta = i % 3 === 0 ? -1 : 2;
      expected += delta;
      expect((await adjust(writer, product.id, delta)).body.stock).toBe(expected);
      expect(await stockOn(writer, product.id)).toBe(expected); // read-your-writes: no waiting at all
      await eventually(reader, product.id, expected);
    }
    // And the cache is in use again afterwards: repeated reads cost no query.
    await stockOn(a, product.id);
    const onA = countQueries(t.app);
    for (let i = 0; i < 3; i++) expect(await stockOn(a, product.id)).toBe(expected);
    expect(onA).not.toHaveBeenCalled();
  });

  it('When an order reserves stock and is then cancelled, then both instances show each change as soon as the order reports it', async () => {
    const product = await createProduct(t, { stock: 5 });
    const token = await customer(t);
    expect(await stockOn(a, product.id)).toBe(5);
    expect(await stockOn(b, product.id)).toBe(5);

    const placed = await a()
      .post('/api/v1/orders')
      .set(bearer(token))
      .set('idempotency-key', randomUUID())
      .send({ items: [{ productId: product.id, quantity: 2 }], payment: { provider: 'stripe', method: 'pm_card_visa' } })
      .expect(201);
    await waitFor(
      async () => (await a().get(`/api/v1/orders/${placed.body.id}`).set(bearer(token)).expect(200)).body.status === 'CONFIRMED',
      'order CONFIRMED',
      20_000,
    );
    // No waiting beyond the order's own status: the reservation committed (and notified) before it was confirmed.
    expect(await stockOn(a, product.id)).toBe(3);
    expect(await stockOn(b, product.id)).toBe(3);

    await a().post(`/api/v1/orders/${placed.body.id}/cancel`).set(bearer(token)).expect(200);
    await t.waitForQuiet();
    const [{ available }] = await sql<{ available: number }>(t, 'SELECT available FROM inventory.stock_items WHERE product_id = $1', [
      product.id,
    ]);
    expect(available).toBe(5); // the release committed
    expect(await stockOn(a, product.id)).toBe(5);
    expect(await stockOn(b, product.id)).toBe(5);
  });

  it('When stock is changed with plain SQL (no application code), then the trigger still invalidates every instance', async () => {
    const product = await createProduct(t, { stock: 4 });
    expect(await stockOn(a, product.id)).toBe(4);
    expect(await stockOn(b, product.id)).toBe(4);
    await sql(t, 'UPDATE inventory.stock_items SET available = 9 WHERE product_id = $1', [product.id]);
    await eventually(a, product.id, 9);
    await eventually(b, product.id, 9);
  });

  it('When every LISTEN session drops and stock changes meanwhile, then no instance serves the stale cached level, before or after reconnecting', async () => {
    const product = await createProduct(t, { stock: 6 });
    expect(await stockOn(a, product.id)).toBe(6);
    expect(await stockOn(b, product.id)).toBe(6);
    const before = await listeners();
    expect(before).toBe(3); // API A, its worker, API B

    await sql(
      t,
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'keel-stock-listener' AND datname = current_database()`,
    );
    await waitFor(async () => (await listeners()) === 0, 'listeners gone', 5_000);
    // Nobody hears this change: the Redis entry keeps the old level.
    await sql(t, 'UPDATE inventory.stock_items SET available = 2 WHERE product_id = $1', [product.id]);
    await waitFor(async () => (await stockOn(a, product.id)) === 2 && (await stockOn(b, product.id)) === 2, 'uncached reads', 2_000);
    expect(JSON.parse((await redisEntry(product.id)) ?? 'null')).toEqual({ available: 6 });

    // The listeners come back (5 s); notifications sent meanwhile are gone, so the stale entry must still be ignored.
    await waitFor(async () => (await listeners()) === before, 'listeners back', 15_000);
    expect(JSON.parse((await redisEntry(product.id)) ?? 'null')).toEqual({ available: 6 });
    expect(await stockOn(a, product.id)).toBe(2);
    expect(await stockOn(b, product.id)).toBe(2);
    // Listening again: later changes are heard as usual.
    await sql(t, 'UPDATE inventory.stock_items SET available = 3 WHERE product_id = $1', [product.id]);
    await eventually(a, product.id, 3);
    await eventually(b, product.id, 3);
  });
});
