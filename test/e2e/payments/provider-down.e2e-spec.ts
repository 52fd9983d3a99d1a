import { bearer, createProduct, customer, placeOrder } from '../orders/orders-fixtures';
import {
  breakerTransitions,
  type CapturedLogs,
  captureLogs,
  isBreakerPath,
  type PaymentsTestApp,
  startPaymentsApp,
  waitForOrder,
  isSettled,
} from './payments-fixtures';

/**
 * The provider answers 500 to everything for longer than the retries last: the
 * breaker opens, the charge job runs out of attempts, and the order still ends
 * PAYMENT_FAILED (stock released, nobody charged). Once the provider is back,
 * the next order is PAID. Its own app: the open breaker must not leak into other specs.
 */
describe('Payments when the provider is down', () => {
  let t: PaymentsTestApp;
  let logs: CapturedLogs;
  beforeAll(async () => {
    logs = captureLogs();
    // warn: the policy's retries and breaker transitions, not every request.
    t = await startPaymentsApp({ env: { LOG_LEVEL: 'warn' } });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    logs.stop();
  });

  it('When every provider call fails, then the order ends PAYMENT_FAILED with stock released and no charge; after recovery orders are PAID', async () => {
    t.sandbox.faults.failNext = 1_000_000;
    const product = await createProduct(t, { stock: 5 });
    const token = await customer(t);
    const down = await placeOrder(t, token, {
      items: [{ productId: product.id, quantity: 2 }],
      payment: { provider: 'stripe', method: 'pm_card_visa' },
    });
    const failed = await waitForOrder(t, token, down.id, isSettled, 80_000);
    expect(failed.status).toBe('PAYMENT_FAILED');
    expect(failed.statusReason).toMatch(/unavailable/);
    await t.waitForQuiet(30_000);
    expect((await t.http().get(`/api/v1/products/${product.id}`).expect(200)).body.stock).toBe(5);
    expect(t.sandbox.charges).toEqual([]);
    const payments = await t.http().get(`/api/v1/orders/${down.id}/payments`).set(bearer(token)).expect(200);
    expect(payments.body.items).toEqual([expect.objectContaining({ status: 'FAILED', providerReference: null })]);

    t.sandbox.reset();
    const up = await placeOrder(t, token, {
      items: [{ productId: product.id, quantity: 1 }],
      payment: { provider: 'stripe', method: 'pm_card_visa' },
    });
    expect((await waitForOrder(t, token, up.id, isSettled, 80_000)).status).toBe('PAID');
    expect(t.sandbox.charges.filter((c) => c.orderRef === up.id)).toHaveLength(1);

    // The breaker's behaviour, from the log lines: opened while the provider was down (possibly
    // re-opening after failed trials), and closed again by a successful trial once it was back.
    const transitions = breakerTransitions(logs, 'stripe');
    expect(transitions[0]).toBe('Open');
    expect(transitions.slice(-2)).toEqual(['HalfOpen', 'Closed']);
    expect(isBreakerPath(transitions)).toBe(true);
    const opened = logs.entries.find((e) => e.provider === 'stripe' && e.breaker === 'Open');
    expect(opened).toMatchObject({ level: 50, msg: 'Circuit breaker is now Open', context: 'Outbound:stripe' });
    expect(logs.entries.some((e) => e.provider === 'stripe' && e.msg === 'Outbound call failed; retrying')).toBe(true);
  }, 180_000);
});
