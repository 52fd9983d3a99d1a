import { randomUUID } from 'node:crypto';
import { bearer, createProduct, customer } from '../orders/orders-fixtures';
import { type PaymentsTestApp, startPaymentsApp, waitForOrder } from './payments-fixtures';

const terminal = (s: string) => s !== 'PENDING' && s !== 'CONFIRMED';

/**
 * A scaled-down version of the acceptance run (30% errors, added latency):
 * every order ends in a terminal state and the sandbox's ledger shows at most
 * one successful charge per order, for both providers.
 */
describe('Payments against a flaky provider', () => {
  let t: PaymentsTestApp;
  beforeAll(async () => {
    t = await startPaymentsApp();
  }, 60_000);
  afterAll(() => t.close());

  it('When 30% of provider calls fail with latency, then 30 orders all end PAID or PAYMENT_FAILED and none is charged twice', async () => {
    t.sandbox.faults.errorRate = 0.3;
    t.sandbox.faults.latencyMs = 100;
    const product = await createProduct(t, { stock: 1000 });
    const token = await customer(t);
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const payment = i % 2 === 0 ? { provider: 'stripe', method: 'pm_card_visa' } : { provider: 'razorpay', method: 'success@razorpay' };
      const res = await t
        .http()
        .post('/api/v1/orders')
        .set(bearer(token))
        .set('Idempotency-Key', randomUUID())
        .send({ items: [{ productId: product.id, quantity: 1 }], payment });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    const orders = await Promise.all(ids.map((id) => waitForOrder(t, token, id, terminal, 120_000)));
    expect(orders.every((o) => o.status === 'PAID' || o.status === 'PAYMENT_FAILED')).toBe(true);
    for (const id of ids) {
      const succeeded = t.sandbox.charges.filter((c) => c.orderRef === id && c.status === 'succeeded');
      expect(succeeded.length).toBeLessThanOrEqual(1);
      const order = orders.find((o) => o.id === id);
      expect(succeeded.length).toBe(order.status === 'PAID' ? 1 : 0);
    }
    t.sandbox.reset();
    await t.waitForQuiet(60_000);
  }, 180_000);
});
