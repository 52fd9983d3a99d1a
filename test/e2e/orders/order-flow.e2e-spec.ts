import { bearer, createProduct, customer, type OrdersTestApp, placeOrder, startOrdersApp } from './orders-fixtures';

/** The whole asynchronous flow with the real worker: outbox → relay → queues → inventory and orders consumers. */
describe('Order flow through the worker', () => {
  let t: OrdersTestApp;
  beforeAll(async () => {
    t = await startOrdersApp({ worker: true });
  });
  afterAll(() => t.close());

  const order = async (id: string, token: string) => (await t.http().get(`/api/v1/orders/${id}`).set(bearer(token)).expect(200)).body;
  const stock = async (productId: string) => (await t.http().get(`/api/v1/products/${productId}`).expect(200)).body.stock as number;
  const line = (productId: string, quantity: number) => ({
    items: [{ productId, quantity }],
    payment: { provider: 'stripe', method: 'pm_card_visa' },
  });

  it('When stock suffices, then the order becomes CONFIRMED and the stock is held; cancelling releases it', async () => {
    const token = await customer(t);
    const product = await createProduct(t, { stock: 5 });
    const placed = await placeOrder(t, token, line(product.id, 2));
    await t.waitForQuiet();

    const confirmed = await order(placed.id, token);
    expect(confirmed.status).toBe('CONFIRMED');
    expect(confirmed.history.map((h: { status: string }) => h.status)).toEqual(['PENDING', 'CONFIRMED']);
    expect(await stock(product.id)).toBe(3);

    await t.http().post(`/api/v1/orders/${placed.id}/cancel`).set(bearer(token)).expect(200);
    await t.waitForQuiet();
    expect(await stock(product.id)).toBe(5);
  });

  it('When stock is short, then the order becomes REJECTED with the reason and nothing is held', async () => {
    const token = await customer(t);
    const product = await createProduct(t, { stock: 1 });
    const placed = await placeOrder(t, token, line(product.id, 3));
    await t.waitForQuiet();

    const rejected = await order(placed.id, token);
    expect(rejected.status).toBe('REJECTED');
    expect(rejected.statusReason).toEqual(expect.any(String));
    expect(rejected.statusReason.length).toBeGreaterThan(0);
    expect(rejected.history.map((h: { status: string; reason: string | null }) => [h.status, h.reason])).toEqual([
      ['PENDING', null],
      ['REJECTED', rejected.statusReason],
    ]);
    expect(await stock(product.id)).toBe(1);
    await t.http().post(`/api/v1/orders/${placed.id}/cancel`).set(bearer(token)).expect(409);
  });
});
