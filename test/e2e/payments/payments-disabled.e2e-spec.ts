import { randomUUID } from 'node:crypto';
import { signStripe } from '../../../apps/payment-sandbox/src/sandbox';
import { bearer, createProduct, customer, placeOrder, startOrdersApp, type OrdersTestApp } from '../orders/orders-fixtures';

/**
 * PAYMENTS_ENABLED=false (what test apps of other contexts run with, set
 * explicitly in test-app.ts): a confirmed order is acknowledged without being
 * charged, and provider webhooks are refused — even one correctly signed with
 * the sandbox's public default secret — without touching the database.
 */
describe('Payments switched off (PAYMENTS_ENABLED=false)', () => {
  let t: OrdersTestApp;
  beforeAll(async () => {
    t = await startOrdersApp({ worker: true });
  }, 60_000);
  afterAll(() => t.close());

  it('When an order is confirmed, then no payment is recorded and the order stays CONFIRMED', async () => {
    const product = await createProduct(t, { stock: 5 });
    const token = await customer(t);
    const order = await placeOrder(t, token, {
      items: [{ productId: product.id, quantity: 1 }],
      payment: { provider: 'stripe', method: 'pm_card_visa' },
    });
    await t.waitForQuiet();
    expect((await t.http().get(`/api/v1/orders/${order.id}`).set(bearer(token)).expect(200)).body.status).toBe('CONFIRMED');
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM payments.payments WHERE order_id = $1`, [order.id]);
    expect(count).toBe(0);
  });

  it('When a webhook signed with the sandbox default secret arrives, then it is a 404 problem and nothing is recorded', async () => {
    const body = JSON.stringify({
      id: `evt_${randomUUID()}`,
      object: 'event',
      type: 'payment_intent.succeeded',
      created: Math.floor(Date.now() / 1000),
      data: { object: { id: 'pi_forged' } },
    });
    const res = await t
      .http()
      .post('/api/v1/payments/webhooks/stripe')
      .set('content-type', 'application/json')
      .set('stripe-signature', signStripe('whsec_sandbox', body))
      .send(body);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM payments.webhook_events`);
    expect(count).toBe(0);
  });
});
