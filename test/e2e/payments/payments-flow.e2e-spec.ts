import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { signedInCustomer } from '../../support/keel-client';
import { signRazorpay, signStripe } from '../../../apps/payment-sandbox/src/sandbox';
import { bearer, createProduct, customer, placeOrder } from '../orders/orders-fixtures';
import {
  RAZORPAY_WEBHOOK_SECRET,
  STRIPE_WEBHOOK_SECRET,
  type PaymentsTestApp,
  startPaymentsApp,
  waitForOrder,
  isSettled,
} from './payments-fixtures';

describe('Payments through the sandbox', () => {
  let t: PaymentsTestApp;
  beforeAll(async () => {
    t = await startPaymentsApp();
  }, 60_000);
  afterAll(() => t.close());
  beforeEach(() => t.sandbox.reset());

  const order = async (provider: 'stripe' | 'razorpay', method: string, stock = 10) => {
    const product = await createProduct(t, { stock, price: { amount: 2500, currency: 'USD' } });
    const token = await customer(t);
    const placed = await placeOrder(t, token, { items: [{ productId: product.id, quantity: 2 }], payment: { provider, method } });
    return { token, product, orderId: placed.id as string };
  };
  const stockOf = async (productId: string) => (await t.http().get(`/api/v1/products/${productId}`).expect(200)).body.stock as number;
  const chargesFor = (orderId: string) => t.sandbox.charges.filter((c) => c.orderRef === orderId);

  it.each([
    ['stripe', 'pm_card_visa'],
    ['razorpay', 'success@razorpay'],
  ] as const)(
    'When a %s order is paid with %s, then it becomes PAID, charged once, and its payment is listed',
    async (provider, method) => {
      // The consumer's happy path, through the generated client (@keel/client).
      const product = await createProduct(t, { stock: 10, price: { amount: 2500, currency: 'USD' } });
      const { client } = await signedInCustomer(t);
      const { id: orderId } = await client.placeOrder({ items: [{ productId: product.id, quantity: 2 }], payment: { provider, method } });
      let paid = await client.getOrder(orderId);
      for (const deadline = Date.now() + 20_000; !isSettled(paid.status) && Date.now() < deadline; paid = await client.getOrder(orderId)) {
        await sleep(50);
      }
      expect(paid.status).toBe('PAID');
      expect(paid.history.map((h) => h.status)).toEqual(['PENDING', 'CONFIRMED', 'PAID']);
      await t.waitForQuiet();
      expect(chargesFor(orderId)).toHaveLength(1);
      const payments = await client.listOrderPayments(orderId);
      expect(payments.items).toEqual([
        expect.objectContaining({ provider, status: 'SUCCEEDED', amount: { amount: 5000, currency: 'USD' }, failureReason: null }),
      ]);
      expect(payments.items[0].providerReference).toEqual(chargesFor(orderId)[0].reference);
      // Another customer sees nothing of it.
      const other = (await signedInCustomer(t)).client;
      await expect(other.listOrderPayments(orderId)).rejects.toMatchObject({ status: 404 });
    },
  );

  it.each([
    ['stripe', 'pm_card_chargeDeclined'],
    ['razorpay', 'failure@razorpay'],
  ] as const)(
    'When a %s payment with %s is declined, then the order is PAYMENT_FAILED and the stock is released',
    async (provider, method) => {
      const { token, orderId, product } = await order(provider, method, 10);
      const failed = await waitForOrder(t, token, orderId, isSettled);
      expect(failed.status).toBe('PAYMENT_FAILED');
      expect(failed.statusReason).toBeTruthy();
      await t.waitForQuiet();
      expect(await stockOf(product.id)).toBe(10);
      const payments = await t.http().get(`/api/v1/orders/${orderId}/payments`).set(bearer(token)).expect(200);
      expect(payments.body.items).toEqual([expect.objectContaining({ status: 'FAILED' })]);
    },
  );

  it('When the provider answers 500 twice, then the retried charge succeeds, the order is PAID and the ledger shows one charge', async () => {
    t.sandbox.faults.failNext = 2;
    const { token, orderId } = await order('stripe', 'pm_card_visa');
    expect((await waitForOrder(t, token, orderId, isSettled)).status).toBe('PAID');
    await t.waitForQuiet();
    expect(chargesFor(orderId)).toHaveLength(1);
  });

  it('When a PAID order is cancelled, then its payment is REFUNDED and the refund is in the ledger', async () => {
    const { token, orderId } = await order('stripe', 'pm_card_visa');
    await waitForOrder(t, token, orderId, isSettled);
    await t.http().post(`/api/v1/orders/${orderId}/cancel`).set(bearer(token)).expect(200);
    await t.waitForQuiet();
    const payments = await t.http().get(`/api/v1/orders/${orderId}/payments`).set(bearer(token)).expect(200);
    expect(payments.body.items).toEqual([expect.objectContaining({ status: 'REFUNDED' })]);
    const charge = chargesFor(orderId)[0];
    expect(t.sandbox.refunds.filter((r) => r.chargeId === charge.reference)).toHaveLength(1);
  });

  it('When a CONFIRMED order is cancelled while its charge is in flight, then the charge is refunded and the order stays CANCELLED', async () => {
    t.sandbox.faults.latencyMs = 1500;
    const { token, orderId } = await order('stripe', 'pm_card_visa');
    await waitForOrder(t, token, orderId, (s) => s !== 'PENDING');
    // Cancel only once the charge is really at the provider: CONFIRMED alone does not mean the
    // charge job has started (under load the cancel could win, and nothing would be charged at all).
    const deadline = Date.now() + 20_000;
    while (t.sandbox.delayedRequests === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(t.sandbox.delayedRequests).toBeGreaterThan(0);
    const cancelled = await t.http().post(`/api/v1/orders/${orderId}/cancel`).set(bearer(token));
    expect(cancelled.status).toBe(200);
    await t.waitForQuiet(30_000);
    expect((await t.http().get(`/api/v1/orders/${orderId}`).set(bearer(token)).expect(200)).body.status).toBe('CANCELLED');
    const payments = await t.http().get(`/api/v1/orders/${orderId}/payments`).set(bearer(token)).expect(200);
    expect(payments.body.items).toEqual([expect.objectContaining({ status: 'REFUNDED' })]);
    expect(chargesFor(orderId)).toHaveLength(1);
    expect(t.sandbox.refunds.filter((r) => r.chargeId === chargesFor(orderId)[0].reference)).toHaveLength(1);
  });

  describe('webhooks', () => {
    const stripeEvent = (paymentIntentId: string, type = 'payment_intent.succeeded', id = `evt_${randomUUID()}`) =>
      JSON.stringify({ id, object: 'event', type, created: Math.floor(Date.now() / 1000), data: { object: { id: paymentIntentId } } });
    const postStripe = (body: string, signature: string) =>
      t
        .http()
        .post('/api/v1/payments/webhooks/stripe')
        .set('content-type', 'application/json')
        .set('stripe-signature', signature)
        .send(body);

    it('When a Stripe webhook has a bad signature, then it gets a 400 problem and changes nothing', async () => {
      const body = stripeEvent('pi_unknown');
      const res = await postStripe(body, signStripe('not-the-secret', body));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const tampered = await postStripe(body.replace('pi_unknown', 'pi_other'), signStripe(STRIPE_WEBHOOK_SECRET, body));
      expect(tampered.status).toBe(400);
    });

    it('When a Stripe webhook is signed more than 5 minutes ago, then it gets a 400', async () => {
      const body = stripeEvent('pi_unknown');
      const res = await postStripe(body, signStripe(STRIPE_WEBHOOK_SECRET, body, Math.floor(Date.now() / 1000) - 600));
      expect(res.status).toBe(400);
    });

    it('When a Razorpay webhook has a bad signature, then it gets a 400', async () => {
      const body = JSON.stringify({ entity: 'event', event: 'payment.captured', created_at: Math.floor(Date.now() / 1000), payload: {} });
      const res = await t
        .http()
        .post('/api/v1/payments/webhooks/razorpay')
        .set('content-type', 'application/json')
        .set('x-razorpay-signature', signRazorpay('wrong', body))
        .send(body);
      expect(res.status).toBe(400);
    });

    it('When a valid webhook is delivered twice, then the second changes nothing', async () => {
      const { token, orderId } = await order('stripe', 'pm_card_chargeDeclined');
      await waitForOrder(t, token, orderId, isSettled);
      await t.waitForQuiet();
      const reference = chargesFor(orderId)[0].reference;
      // A forged "succeeded" for a declined payment, signed correctly, twice: the payment is settled, nothing moves.
      const body = stripeEvent(reference, 'payment_intent.succeeded', `evt_dup_${randomUUID()}`);
      const first = await postStripe(body, signStripe(STRIPE_WEBHOOK_SECRET, body));
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ received: true, duplicate: false });
      const second = await postStripe(body, signStripe(STRIPE_WEBHOOK_SECRET, body));
      expect(second.status).toBe(200);
      expect(second.body).toEqual({ received: true, duplicate: true });
      await t.waitForQuiet();
      expect((await t.http().get(`/api/v1/orders/${orderId}`).set(bearer(token)).expect(200)).body.status).toBe('PAYMENT_FAILED');
    });

    it('When a Stripe webhook is forged, then the problem says so in fixed words, never the SDK’s explanation', async () => {
      const body = stripeEvent('pi_unknown');
      for (const signature of [signStripe('not-the-secret', body), 'garbage', `t=${Math.floor(Date.now() / 1000)},v1=00`]) {
        const res = await postStripe(body, signature);
        expect(res.status).toBe(400);
        expect(res.body.detail).toBe('Invalid Stripe-Signature.');
      }
    });

    it('When a signed webhook names another amount or currency than the payment’s, then 422, logged, nothing claimed or changed', async () => {
      const { token, orderId } = await order('stripe', 'pm_card_chargeDeclined');
      await waitForOrder(t, token, orderId, isSettled);
      await t.waitForQuiet();
      const reference = chargesFor(orderId)[0].reference;
      const signed = (object: Record<string, unknown>, id: string) => {
        const body = JSON.stringify({
          id,
          object: 'event',
          type: 'payment_intent.succeeded',
          created: Math.floor(Date.now() / 1000),
          data: { object: { id: reference, ...object } },
        });
        return postStripe(body, signStripe(STRIPE_WEBHOOK_SECRET, body));
      };
      const eventId = `evt_amount_${randomUUID()}`;
      for (const object of [
        { amount: 1, currency: 'usd' },
        { amount: 5000, currency: 'inr' },
      ]) {
        const res = await signed(object, eventId);
        expect(res.status).toBe(422);
        expect(res.body).toMatchObject({ status: 422, type: expect.stringContaining('webhook-amount-mismatch') });
      }
      // Not claimed: the same event id with the payment's own amount is still new (and, the payment being settled, changes nothing).
      const right = await signed({ amount: 5000, currency: 'usd' }, eventId);
      expect(right.body).toEqual({ received: true, duplicate: false });
      await t.waitForQuiet();
      expect((await t.http().get(`/api/v1/orders/${orderId}`).set(bearer(token)).expect(200)).body.status).toBe('PAYMENT_FAILED');
    });

    it('When a signed Razorpay webhook is replayed with a new X-Razorpay-Event-Id, then it is a duplicate (the id comes from the signed body)', async () => {
      const body = JSON.stringify({
        entity: 'event',
        event: 'payment.failed',
        created_at: Math.floor(Date.now() / 1000),
        payload: { payment: { entity: { id: `pay_${randomUUID().slice(0, 8)}`, status: 'failed' } } },
      });
      const post = (eventIdHeader: string) =>
        t
          .http()
          .post('/api/v1/payments/webhooks/razorpay')
          .set('content-type', 'application/json')
          .set('x-razorpay-signature', signRazorpay(RAZORPAY_WEBHOOK_SECRET, body))
          .set('x-razorpay-event-id', eventIdHeader)
          .send(body);
      expect((await post('evt_first')).body).toEqual({ received: true, duplicate: false });
      expect((await post('evt_second')).body).toEqual({ received: true, duplicate: true });
    });

    it('When the sandbox sends its own signed webhooks, then the API accepts them (200)', async () => {
      const { token, orderId } = await order('razorpay', 'success@razorpay');
      await waitForOrder(t, token, orderId, isSettled);
      const deadline = Date.now() + 5000;
      while (!t.sandbox.webhooksSent.some((w) => w.provider === 'razorpay' && w.status !== null) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(t.sandbox.webhooksSent.filter((w) => w.status !== null).every((w) => w.status === 200)).toBe(true);
    });
  });
});
