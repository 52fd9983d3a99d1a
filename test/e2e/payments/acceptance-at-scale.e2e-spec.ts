import { randomUUID } from 'node:crypto';
import { bearer, createProduct, customer } from '../orders/orders-fixtures';
import {
  breakerTransitions,
  type CapturedLogs,
  captureLogs,
  isBreakerPath,
  type PaymentsTestApp,
  startPaymentsApp,
} from './payments-fixtures';

const ORDERS = 100;
const PLACING_CONCURRENCY = 10;
const TERMINAL = new Set(['PAID', 'PAYMENT_FAILED', 'REJECTED', 'CANCELLED']);

/** Every 10th order uses a method the provider declines; the rest should be paid, half Stripe, half Razorpay. */
const paymentFor = (i: number) => {
  const provider = i % 2 === 0 ? 'stripe' : 'razorpay';
  const declined = i % 10 >= 8;
  if (provider === 'stripe') return { provider, method: declined ? 'pm_card_chargeDeclined' : 'pm_card_visa' };
  return { provider, method: declined ? 'failure@razorpay' : 'success@razorpay' };
};

/** Runs `task` for 0..count-1 with at most `concurrency` in flight. */
async function pool<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

/**
 * Issue 5's acceptance run at the stated scale: the sandbox fails 30% of
 * provider calls (500) and adds 1 s of latency to every call, and 100 orders
 * (Stripe and Razorpay, some with declined methods) are placed concurrently.
 * Every order must end in a terminal state, the sandbox's own ledger must show
 * no order charged more than once (and exactly once for each PAID order), and
 * the resilience policy's behaviour must be in the logs.
 *
 * About the breaker: it opens after 5 consecutive failed calls of a provider.
 * At 30% errors that takes 5 failures in a row (0.3^5 ≈ 0.24% per window), so
 * in a run of ~150 Razorpay and ~75 Stripe calls it opens only now and then —
 * by design: retries with backoff absorb a 30% error rate, and failing fast
 * would only turn recoverable orders into failed ones. When it does open here,
 * the logged transitions must still be a valid breaker path; the deterministic
 * proof that it opens, fails fast and closes again, with its log lines, is
 * provider-down.e2e-spec.ts. What this run always shows in the logs is the
 * retries of failed calls, for both providers.
 */
describe('Payments acceptance at scale: 100 orders, 30% provider errors, 1 s latency', () => {
  let t: PaymentsTestApp;
  let logs: CapturedLogs;

  beforeAll(async () => {
    logs = captureLogs();
    // warn: the policy's retries and breaker transitions, without a line per request.
    t = await startPaymentsApp({ env: { LOG_LEVEL: 'warn' } });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    logs.stop();
  });

  it('When 100 orders are paid through a provider failing 30% of calls with 1 s latency, then all end terminal and none is charged twice', async () => {
    t.sandbox.faults.errorRate = 0.3;
    t.sandbox.faults.latencyMs = 1_000;
    const product = await createProduct(t, { stock: 1_000 });
    const customers = await pool(5, 5, () => customer(t));
    const started = Date.now();

    const ids = await pool(ORDERS, PLACING_CONCURRENCY, async (i) => {
      const res = await t
        .http()
        .post('/api/v1/orders')
        .set(bearer(customers[i % customers.length]))
        .set('Idempotency-Key', randomUUID())
        .send({ items: [{ productId: product.id, quantity: 1 }], payment: paymentFor(i) });
      expect(res.status).toBe(201);
      return res.body.id as string;
    });

    // Poll the database, not the API: 100 pollers would compete with the run for 2 CPU cores.
    let statuses = new Map<string, string>();
    const deadline = Date.now() + 150_000;
    for (;;) {
      const rows: Array<{ id: string; status: string }> = await t.dataSource.query(
        `SELECT id, status FROM orders.orders WHERE id = ANY($1)`,
        [ids],
      );
      statuses = new Map(rows.map((r) => [r.id, r.status]));
      if (rows.length === ORDERS && rows.every((r) => TERMINAL.has(r.status))) break;
      if (Date.now() > deadline) {
        const stuck = rows.filter((r) => !TERMINAL.has(r.status)).map((r) => `${r.id}:${r.status}`);
        throw new Error(`${stuck.length} orders not terminal: ${stuck.slice(0, 5).join(', ')}`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    const elapsedMs = Date.now() - started;
    // Terminal orders can still leave work behind: emails, invoices, and a charge job whose answer
    // timed out (the webhook settled the order) retrying with backoff — on a loaded CI machine a
    // few attempts into the schedule (1, 2, 4, 8, 16, 32 s…), so the wait allows two minutes.
    await t.waitForQuiet(120_000);

    // What the API says agrees with the database.
    const admin = bearer(t.adminToken);
    for (const id of ids) {
      const res = await t.http().get(`/api/v1/orders/${id}`).set(admin).expect(200);
      expect(res.body.status).toBe(statuses.get(id));
    }

    // The sandbox's ledger: never more than one successful charge per order, exactly one for each PAID order,
    // none for a declined method, and no refund (nothing was cancelled).
    for (const [i, id] of ids.entries()) {
      const succeeded = t.sandbox.charges.filter((c) => c.orderRef === id && c.status === 'succeeded');
      expect({ id, charges: succeeded.length }).toEqual({ id, charges: statuses.get(id) === 'PAID' ? 1 : 0 });
      if (paymentFor(i).method.startsWith('pm_card_charge') || paymentFor(i).method.startsWith('failure')) {
        expect({ id, status: statuses.get(id) }).toEqual({ id, status: 'PAYMENT_FAILED' });
      }
    }
    expect(t.sandbox.refunds).toEqual([]);
    // One payment per order.
    const [{ payments, orders }] = await t.dataSource.query(
      `SELECT count(*)::int AS payments, count(DISTINCT order_id)::int AS orders FROM payments.payments WHERE order_id = ANY($1)`,
      [ids],
    );
    expect({ payments, orders }).toEqual({ payments: ORDERS, orders: ORDERS });
    // The faults were real: with 30% errors most good orders still get paid through retries.
    const paid = [...statuses.values()].filter((s) => s === 'PAID').length;
    expect(paid).toBeGreaterThanOrEqual(60);

    // The logs show the policy at work for both providers: failed calls retried with a delay and a reason.
    for (const provider of ['stripe', 'razorpay']) {
      const retries = logs.entries.filter((e) => e.provider === provider && e.msg === 'Outbound call failed; retrying');
      expect(retries.length).toBeGreaterThan(0);
      expect(retries[0]).toMatchObject({ context: `Outbound:${provider}`, attempt: expect.any(Number), delayMs: expect.any(Number) });
      expect(String(retries[0].reason)).toMatch(/500|Injected fault|sandbox_fault/);
      expect(isBreakerPath(breakerTransitions(logs, provider))).toBe(true);
    }
    process.stdout.write(
      `acceptance: ${ORDERS} orders terminal in ${Math.round(elapsedMs / 1000)} s; PAID ${paid}; ` +
        `ledger charges ${t.sandbox.charges.length}; breaker stripe [${breakerTransitions(logs, 'stripe').join(' ')}] ` +
        `razorpay [${breakerTransitions(logs, 'razorpay').join(' ')}]\n`,
    );
  }, 330_000);
});
