import { randomUUID } from 'node:crypto';
import { bearer, createProduct, customer, type OrdersTestApp, startOrdersApp } from '../orders/orders-fixtures';
import { signedInCustomer } from '../../support/keel-client';

/**
 * The contract's acceptance scenarios, end to end through the real worker, on
 * both queue backends: the embedded default (BullMQ on PostgreSQL) and the
 * production path (BullMQ on Redis).
 */
describe.each([
  ['BullMQ on PostgreSQL', false],
  ['BullMQ on Redis', true],
])('Order flow (%s)', (_label, redis) => {
  let t: OrdersTestApp;
  beforeAll(async () => {
    t = await startOrdersApp({ worker: true, redis });
  });
  afterAll(() => t.close());

  const body = (productId: string, quantity = 1) => ({
    items: [{ productId, quantity }],
    payment: { provider: 'stripe', method: 'pm_card_visa' },
  });
  const place = (token: string, productId: string, key: string = randomUUID(), quantity = 1) =>
    t.http().post('/api/v1/orders').set(bearer(token)).set('idempotency-key', key).send(body(productId, quantity));

  it('When 50 orders of 1 unit race for 10 in stock, then exactly 10 are CONFIRMED, 40 REJECTED, and stock ends at 0', async () => {
    const product = await createProduct(t, { stock: 10 });
    const tokens = await Promise.all(Array.from({ length: 5 }, () => customer(t)));
    const placed = await Promise.all(Array.from({ length: 50 }, (_, i) => place(tokens[i % 5], product.id)));
    expect(placed.map((r) => r.status)).toEqual(Array(50).fill(201));
    await t.waitForQuiet(60_000);
    const statuses = await Promise.all(
      placed.map(
        async (r, i) =>
          (
            await t
              .http()
              .get(`/api/v1/orders/${r.body.id}`)
              .set(bearer(tokens[i % 5]))
              .expect(200)
          ).body,
      ),
    );
    const count = (s: string) => statuses.filter((o) => o.status === s).length;
    expect([count('CONFIRMED'), count('REJECTED')]).toEqual([10, 40]);
    expect(
      statuses.filter((o) => o.status === 'REJECTED').every((o) => typeof o.statusReason === 'string' && o.statusReason.length > 0),
    ).toBe(true);
    expect((await t.http().get(`/api/v1/products/${product.id}`).expect(200)).body.stock).toBe(0);
  });

  it('When an order is read continuously while consumers move it along, then every read is a consistent 200', async () => {
    const token = await customer(t);
    const product = await createProduct(t, { stock: 50 });
    const placed = await Promise.all(Array.from({ length: 10 }, () => place(token, product.id)));
    const statuses: number[] = [];
    const inconsistent: string[] = [];
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline) {
      const reads = await Promise.all(placed.map((p) => t.http().get(`/api/v1/orders/${p.body.id}`).set(bearer(token))));
      for (const r of reads) {
        statuses.push(r.status);
        if (r.status === 200 && r.body.history[r.body.history.length - 1].status !== r.body.status) inconsistent.push(r.body.id);
      }
      if (reads.every((r) => r.body.status === 'CONFIRMED')) break;
    }
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect(inconsistent).toEqual([]);
    await t.waitForQuiet();
  });

  it('When one Idempotency-Key is sent by concurrent duplicates and replays, then exactly one order exists', async () => {
    const token = await customer(t);
    const product = await createProduct(t, { stock: 100 });
    const key = randomUUID();
    const burst = await Promise.all(Array.from({ length: 8 }, () => place(token, product.id, key)));
    const created = burst.filter((r) => r.status === 201 && r.headers['idempotent-replayed'] !== 'true');
    expect(created).toHaveLength(1);
    expect(burst.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    const replay = await place(token, product.id, key).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(created[0].body.id);
    await place(token, product.id, key, 2).expect(422);
    const mine = await t.http().get('/api/v1/orders').set(bearer(token)).expect(200);
    expect(mine.body.items).toHaveLength(1);
  });

  it('When an order is confirmed and then cancelled, then stock is released and both emails are listed once', async () => {
    // The consumer's happy path, through the generated client (@keel/client).
    const { client } = await signedInCustomer(t);
    const product = await createProduct(t, { stock: 3 });
    const placed = await client.placeOrder({
      items: [{ productId: product.id, quantity: 2 }],
      payment: { provider: 'stripe', method: 'pm_card_visa' },
    });
    await t.waitForQuiet();
    expect((await client.getOrder(placed.id)).status).toBe('CONFIRMED');
    expect((await client.getProduct(product.id)).stock).toBe(1);
    await client.cancelOrder(placed.id);
    await t.waitForQuiet();
    expect((await client.getProduct(product.id)).stock).toBe(3);
    const notifications = (await client.listNotifications()).items;
    expect(notifications.map((n) => n.type).sort()).toEqual(['order.cancelled', 'order.confirmed']);
    expect(notifications.every((n) => n.status === 'SENT')).toBe(true);
  });
});
