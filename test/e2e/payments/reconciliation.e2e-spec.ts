import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { signStripe } from '../../../apps/payment-sandbox/src/sandbox';
import { ReconcilePendingPaymentsCommand } from '../../../libs/payments/src/application';
import { type PaymentsTestApp, STRIPE_WEBHOOK_SECRET, startPaymentsApp } from './payments-fixtures';

/** A payment left PENDING (its webhook lost) is settled by asking the provider; a charge that succeeded after its payment was given up is refunded. */
describe('Payment reconciliation', () => {
  let t: PaymentsTestApp;
  beforeAll(async () => {
    t = await startPaymentsApp();
  }, 60_000);
  afterAll(() => t.close());

  const sandboxIntent = async (method: string) => {
    const res = await fetch(`${t.sandboxUrl}/v1/payment_intents`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ amount: '700', currency: 'usd', payment_method: method, confirm: 'true' }).toString(),
    });
    const body = (await res.json()) as { id?: string; error?: { payment_intent: { id: string } } };
    return body.id ?? body.error!.payment_intent.id;
  };
  const insertPayment = async (reference: string, status: 'PENDING' | 'FAILED' = 'PENDING') => {
    const id = randomUUID();
    await t.dataSource.query(
      `INSERT INTO payments.payments (id, order_id, user_id, provider, method, amount, currency, status, provider_reference, failure_reason, created_at, updated_at)
       VALUES ($1, $2, $3, 'stripe', 'pm_card_visa', 700, 'USD', $5, $4, $6, now() - interval '1 hour', now() - interval '1 hour')`,
      [id, randomUUID(), randomUUID(), reference, status, status === 'FAILED' ? 'The payment provider is unavailable' : null],
    );
    return id;
  };
  const insertPending = (reference: string) => insertPayment(reference);
  const statusOf = async (id: string) =>
    (await t.dataSource.query(`SELECT status, failure_reason FROM payments.payments WHERE id = $1`, [id]))[0];

  it('When payments are stuck PENDING (webhooks lost), then reconciliation settles them from the provider, once', async () => {
    t.sandbox.faults.dropWebhooks = true;
    const paid = await insertPending(await sandboxIntent('pm_card_visa'));
    const declined = await insertPending(await sandboxIntent('pm_card_chargeDeclined'));
    const commands = t.worker!.get(CommandBus);
    const reconcile = { run: (olderThanMs: number) => commands.execute(new ReconcilePendingPaymentsCommand(olderThanMs)) };
    // The worker's own schedule (every 30 s) may settle them first when this spec runs late after
    // boot; either way each payment is settled from the provider exactly once (statuses below, then 0).
    expect(await reconcile.run(60_000)).toBeLessThanOrEqual(2);
    expect(await statusOf(paid)).toEqual({ status: 'SUCCEEDED', failure_reason: null });
    expect((await statusOf(declined)).status).toBe('FAILED');
    expect(await reconcile.run(60_000)).toBe(0);
    await t.waitForQuiet();
  });

  it('When the provider reports a success for a payment given up as FAILED, then the charge is refunded and the payment stays FAILED', async () => {
    t.sandbox.faults.dropWebhooks = true;
    const reference = await sandboxIntent('pm_card_visa');
    const id = await insertPayment(reference, 'FAILED');
    const body = JSON.stringify({
      id: `evt_${randomUUID()}`,
      object: 'event',
      type: 'payment_intent.succeeded',
      created: Math.floor(Date.now() / 1000),
      data: { object: { id: reference } },
    });
    await t
      .http()
      .post('/api/v1/payments/webhooks/stripe')
      .set('content-type', 'application/json')
      .set('stripe-signature', signStripe(STRIPE_WEBHOOK_SECRET, body))
      .send(body)
      .expect(200);
    await t.waitForQuiet();
    expect(t.sandbox.refunds.filter((r) => r.chargeId === reference)).toHaveLength(1);
    expect((await statusOf(id)).status).toBe('FAILED');
  });
});
