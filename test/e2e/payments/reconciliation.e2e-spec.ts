import { randomUUID } from 'node:crypto';
import { ReconcilePendingPaymentsService } from '../../../libs/payments/src/application';
import { type PaymentsTestApp, startPaymentsApp } from './payments-fixtures';

/** A payment left PENDING (its webhook lost) is settled by asking the provider. */
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
  const insertPending = async (reference: string) => {
    const id = randomUUID();
    await t.dataSource.query(
      `INSERT INTO payments.payments (id, order_id, user_id, provider, method, amount, currency, status, provider_reference, created_at, updated_at)
       VALUES ($1, $2, $3, 'stripe', 'pm_card_visa', 700, 'USD', 'PENDING', $4, now() - interval '1 hour', now() - interval '1 hour')`,
      [id, randomUUID(), randomUUID(), reference],
    );
    return id;
  };
  const statusOf = async (id: string) =>
    (await t.dataSource.query(`SELECT status, failure_reason FROM payments.payments WHERE id = $1`, [id]))[0];

  it('When payments are stuck PENDING (webhooks lost), then reconciliation settles them from the provider, once', async () => {
    t.sandbox.faults.dropWebhooks = true;
    const paid = await insertPending(await sandboxIntent('pm_card_visa'));
    const declined = await insertPending(await sandboxIntent('pm_card_chargeDeclined'));
    const reconcile = t.worker!.get(ReconcilePendingPaymentsService);
    expect(await reconcile.run(60_000)).toBe(2);
    expect(await statusOf(paid)).toEqual({ status: 'SUCCEEDED', failure_reason: null });
    expect((await statusOf(declined)).status).toBe('FAILED');
    expect(await reconcile.run(60_000)).toBe(0);
    await t.waitForQuiet();
  });
});
