import { type PaymentsTestApp, startPaymentsApp, waitForOrder, isSettled } from '../payments/payments-fixtures';
import { bearer, createProduct, customer, newKey, placeOrder } from './orders-fixtures';

const FLAGS = '/api/v1/admin/feature-flags';

/**
 * A payment provider switched off by its feature flag: new orders choosing it
 * get a 422 and change nothing; orders already accepted are still charged;
 * the other provider keeps working; switching it on again accepts orders.
 * Runs with the worker and the payment sandbox, so "nothing changed" covers
 * the asynchronous steps too (stock reservation, charging).
 */
describe('POST /orders with a switched-off payment provider', () => {
  let t: PaymentsTestApp;
  beforeAll(async () => {
    t = await startPaymentsApp();
  }, 60_000);
  afterAll(() => t?.close());

  const setFlag = (key: string, value: boolean) => t.http().put(`${FLAGS}/${key}`).set(bearer(t.adminToken)).send({ value }).expect(200);
  const post = (token: string, body: object, key = newKey()) =>
    t.http().post('/api/v1/orders').set(bearer(token)).set('Idempotency-Key', key).send(body);
  const count = async (sql: string, params: unknown[] = []) => (await t.dataSource.query(sql, params))[0].n as number;
  const stock = async (productId: string) =>
    (await t.dataSource.query(`SELECT available, reserved FROM inventory.stock_items WHERE product_id = $1`, [productId]))[0] as {
      available: number;
      reserved: number;
    };
  const razorpayBody = (productId: string, quantity = 1) => ({
    items: [{ productId, quantity }],
    payment: { provider: 'razorpay', method: 'success@razorpay' },
  });

  it('When razorpay is switched off, then a new razorpay order gets 422 and nothing changes, while stripe orders and orders placed before still go through; switched on again, razorpay orders are accepted', async () => {
    const product = await createProduct(t, { stock: 10, price: { amount: 1500, currency: 'USD' } });
    const token = await customer(t);

    // Accepted while razorpay was on: it is still charged, through razorpay, after the switch-off.
    const before = await placeOrder(t, token, razorpayBody(product.id));
    await setFlag('payments.razorpay.enabled', false);
    expect((await waitForOrder(t, token, before.id, isSettled)).status).toBe('PAID');
    await t.waitForQuiet();
    expect(t.sandbox.charges.filter((c) => c.orderRef === before.id)).toHaveLength(1);

    const snapshot = async () => ({
      orders: await count(`SELECT count(*)::int AS n FROM orders.orders`),
      outbox: await count(`SELECT count(*)::int AS n FROM platform.outbox`),
      reservations: await count(`SELECT count(*)::int AS n FROM inventory.reservations`),
      charges: t.sandbox.charges.length,
      stock: await stock(product.id),
    });
    const unchanged = await snapshot();
    const rejectedKey = newKey();
    const refused = await post(token, razorpayBody(product.id, 2), rejectedKey).expect(422);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({
      status: 422,
      type: expect.stringMatching(/\/payment-provider-unavailable$/),
      detail: expect.stringContaining('Payment provider razorpay is currently unavailable'),
      requestId: expect.any(String),
    });
    // Nothing of the refused order exists anywhere, even once the worker has nothing left to do.
    await t.waitForQuiet();
    expect(await snapshot()).toEqual(unchanged);
    const mine = await t.http().get('/api/v1/orders').set(bearer(token)).expect(200);
    expect(mine.body.items.map((o: { id: string }) => o.id)).toEqual([before.id]);

    // Stripe is unaffected.
    const stripe = await post(token, {
      items: [{ productId: product.id, quantity: 1 }],
      payment: { provider: 'stripe', method: 'pm_card_visa' },
    }).expect(201);
    expect((await waitForOrder(t, token, stripe.body.id, isSettled)).status).toBe('PAID');

    // Switched on again: the very request that was refused is accepted now (a 422 does not consume its Idempotency-Key).
    await setFlag('payments.razorpay.enabled', true);
    const accepted = await post(token, razorpayBody(product.id, 2), rejectedKey).expect(201);
    expect(accepted.headers['idempotent-replayed']).toBeUndefined();
    expect(accepted.body).toMatchObject({ status: 'PENDING', payment: { provider: 'razorpay', method: 'success@razorpay' } });
    expect((await waitForOrder(t, token, accepted.body.id, isSettled)).status).toBe('PAID');
    await t.waitForQuiet();
    expect(t.sandbox.charges.filter((c) => c.orderRef === accepted.body.id)).toHaveLength(1);
  }, 60_000);

  it('When stripe is switched off, then stripe orders get 422 payment-provider-unavailable and razorpay orders are still accepted', async () => {
    const product = await createProduct(t, { stock: 5 });
    const token = await customer(t);
    await setFlag('payments.stripe.enabled', false);
    try {
      const refused = await post(token, {
        items: [{ productId: product.id, quantity: 1 }],
        payment: { provider: 'stripe', method: 'pm_card_visa' },
      }).expect(422);
      expect(refused.body.type).toMatch(/\/payment-provider-unavailable$/);
      expect(refused.body.detail).toContain('Payment provider stripe is currently unavailable');
      await post(token, razorpayBody(product.id)).expect(201);
    } finally {
      await setFlag('payments.stripe.enabled', true);
    }
    await post(token, { items: [{ productId: product.id, quantity: 1 }], payment: { provider: 'stripe', method: 'pm_card_visa' } }).expect(
      201,
    );
  });

  it('When the provider is off and the body is also invalid, then the 400 for the body comes first (validation before availability)', async () => {
    const token = await customer(t);
    await setFlag('payments.razorpay.enabled', false);
    try {
      await post(token, { items: [], payment: { provider: 'razorpay', method: 'success@razorpay' } }).expect(400);
    } finally {
      await setFlag('payments.razorpay.enabled', true);
    }
  });
});
