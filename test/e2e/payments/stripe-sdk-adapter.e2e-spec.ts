import { Logger } from '@nestjs/common';
import { OutboundCallError, OutboundPolicy } from '@keel/observability';
import { randomUUID } from 'node:crypto';
import { PaymentSandbox } from '../../../apps/payment-sandbox/src/sandbox';
import { createStripeClient } from '../../../libs/payments/src/infrastructure/providers/stripe/stripe-client';
import { StripePaymentProvider } from '../../../libs/payments/src/infrastructure/providers/stripe/stripe.payment-provider';

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  closedAfterMs?: number;
}

/**
 * The Stripe adapter (official SDK) against the sandbox over real HTTP: what
 * the SDK sends (form body, Stripe-Version, Idempotency-Key), how its errors
 * map into the outbound taxonomy (decline = answer, 5xx and 429 retried,
 * 4xx not), and that the policy's per-attempt timeout really aborts the request.
 */
describe('Stripe adapter on the official SDK, against the sandbox', () => {
  const sandbox = new PaymentSandbox({ stripeWebhookSecret: 'whsec_adapter', razorpayWebhookSecret: 'unused' });
  const seen: Seen[] = [];
  let base: string;
  const provider = (policy: Partial<ConstructorParameters<typeof OutboundPolicy>[0]> = {}) =>
    new StripePaymentProvider(
      { apiBase: base, apiKey: 'sk_test_adapter', webhookSecret: 'whsec_adapter' },
      new OutboundPolicy({ provider: `stripe-adapter-${randomUUID().slice(0, 8)}`, baseDelayMs: 10, ...policy }),
    );
  const charge = (p: StripePaymentProvider, method = 'pm_card_visa', idempotencyKey = `key-${randomUUID()}`) =>
    p.createCharge({ idempotencyKey, orderId: randomUUID(), amount: 1234, currency: 'USD', method });

  beforeAll(async () => {
    Logger.overrideLogger(false); // no app here: the policy's retry warnings would go to the console
    sandbox.app.addHook('preHandler', async (req, reply) => {
      const entry: Seen = { method: req.method, url: req.url, headers: req.headers, body: req.body };
      const started = Date.now();
      // Fires when the response is done, or when the client dropped the connection before it was.
      reply.raw.once('close', () => (entry.closedAfterMs = Date.now() - started));
      seen.push(entry);
    });
    base = await sandbox.listen(0);
  });
  afterAll(async () => {
    await sandbox.close();
    Logger.overrideLogger(['log', 'error', 'warn']);
  });
  beforeEach(() => {
    sandbox.reset();
    seen.length = 0;
  });

  it('When a charge succeeds, then the SDK sent a form-encoded PaymentIntent with Stripe-Version and our Idempotency-Key', async () => {
    const outcome = await charge(provider(), 'pm_card_visa', 'keel-order-abc');
    expect(outcome).toEqual({ status: 'succeeded', providerReference: expect.stringMatching(/^pi_/) });
    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/v1/payment_intents');
    expect(request.headers['content-type']).toContain('application/x-www-form-urlencoded');
    expect(request.headers['stripe-version']).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(request.headers['idempotency-key']).toBe('keel-order-abc');
    expect(request.headers.authorization).toBe('Bearer sk_test_adapter');
    expect(request.body).toMatchObject({
      amount: '1234',
      currency: 'usd',
      confirm: 'true',
      payment_method: 'pm_card_visa',
      automatic_payment_methods: { enabled: 'true', allow_redirects: 'never' },
      metadata: { order_id: expect.any(String) },
    });
  });

  it('When the same idempotency key is sent twice, then the second call gets the first intent and the ledger one charge', async () => {
    const p = provider();
    const key = `key-${randomUUID()}`;
    const first = await charge(p, 'pm_card_visa', key);
    const second = await charge(p, 'pm_card_visa', key);
    expect(second).toEqual(first);
    expect(sandbox.charges.filter((c) => c.reference === (first as { providerReference: string }).providerReference)).toHaveLength(1);
  });

  it('When the card is declined (402 card_error), then it is a declined outcome with the intent, not retried', async () => {
    const outcome = await charge(provider(), 'pm_card_chargeDeclined');
    expect(outcome).toEqual({
      status: 'declined',
      providerReference: expect.stringMatching(/^pi_/),
      reason: 'Your card was declined. (card_declined)',
    });
    expect(seen).toHaveLength(1);
  });

  it('When the provider answers 500 twice, then the policy retries and the third attempt charges', async () => {
    sandbox.faults.failNext = 2;
    expect((await charge(provider())).status).toBe('succeeded');
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((s) => s.headers['idempotency-key'])).size).toBe(1);
  });

  it('When the provider answers 429 with Retry-After: 1, then the retry waits for it', async () => {
    sandbox.faults.rateLimitNext = 1;
    const started = Date.now();
    expect((await charge(provider())).status).toBe('succeeded');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(seen).toHaveLength(2);
  });

  it('When the provider refuses a request (404 unknown intent), then it is a non-retryable OutboundCallError, sent once', async () => {
    const error = await provider()
      .getCharge('pi_does_not_exist')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutboundCallError);
    expect(error).toMatchObject({ provider: 'stripe', status: 404, retryable: false });
    expect(seen).toHaveLength(1);
  });

  it('When every attempt fails, then the last error is a retryable OutboundCallError with the status', async () => {
    sandbox.faults.failNext = 10;
    const error = await charge(provider({ maxAttempts: 2 })).catch((e: unknown) => e);
    expect(error).toMatchObject({ provider: 'stripe', status: 500, retryable: true });
    expect(seen).toHaveLength(2);
  });

  it('When an attempt outlasts the per-attempt timeout, then its HTTP request is aborted (connection closed) and retried', async () => {
    sandbox.faults.latencyMs = 800;
    const error = await charge(provider({ attemptTimeoutMs: 150, maxAttempts: 2 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(seen).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 100));
    // Closed by the client well before the sandbox would have answered (800 ms).
    for (const s of seen) expect(s.closedAfterMs).toBeLessThan(500);
    await new Promise((r) => setTimeout(r, 800)); // let the sandbox's handlers finish sleeping
  });

  it('When a payment is refunded and the refund retried with the same key, then one refund exists', async () => {
    const p = provider();
    const outcome = (await charge(p)) as { providerReference: string };
    const key = `refund-${randomUUID()}`;
    const first = await p.refund({ idempotencyKey: key, providerReference: outcome.providerReference, amount: 1234 });
    const again = await p.refund({ idempotencyKey: key, providerReference: outcome.providerReference, amount: 1234 });
    expect(again).toEqual(first);
    expect(first.refundReference).toMatch(/^re_/);
    expect(sandbox.refunds.filter((r) => r.chargeId === outcome.providerReference)).toHaveLength(1);
    expect(seen.filter((s) => s.url === '/v1/refunds')).toHaveLength(2);
  });

  it('When the intent is fetched, then its status maps to the outcome', async () => {
    const p = provider();
    const declined = (await charge(p, 'pm_card_chargeDeclined')) as { providerReference: string };
    expect(await p.getCharge(declined.providerReference)).toEqual({
      status: 'declined',
      providerReference: declined.providerReference,
      reason: 'Your card was declined.',
    });
    expect(seen.at(-1)?.url).toBe(`/v1/payment_intents/${declined.providerReference}`);
  });

  it('When the SDK creates an unconfirmed intent and confirms it, then only the confirmation charges, once', async () => {
    const stripe = createStripeClient(base, 'sk_test_adapter');
    const created = await stripe.paymentIntents.create({ amount: 500, currency: 'usd', payment_method: 'pm_card_chargeDeclined' });
    expect(created.status).toBe('requires_confirmation');
    expect(sandbox.charges.filter((c) => c.reference === created.id)).toHaveLength(0);
    const confirmed = await stripe.paymentIntents.confirm(created.id, { payment_method: 'pm_card_visa' });
    expect(confirmed).toMatchObject({ id: created.id, status: 'succeeded' });
    expect(seen.at(-1)?.url).toBe(`/v1/payment_intents/${created.id}/confirm`);
    const again = await stripe.paymentIntents.confirm(created.id).catch((e: unknown) => e);
    expect(again).toMatchObject({ type: 'StripeInvalidRequestError', code: 'payment_intent_unexpected_state' });
    expect(sandbox.charges.filter((c) => c.reference === created.id && c.status === 'succeeded')).toHaveLength(1);
  });
});
