import { setLogDestination } from '@keel/kernel';
import { Writable } from 'node:stream';
import { PaymentSandbox } from '../../../apps/payment-sandbox/src/sandbox';
import { startTestApp } from '../../support/test-app';
import { ADMIN, bearer, type OrdersTestApp } from '../orders/orders-fixtures';

export const STRIPE_WEBHOOK_SECRET = 'whsec_e2e';
export const RAZORPAY_WEBHOOK_SECRET = 'rzp_webhook_e2e';

export interface PaymentsTestApp extends OrdersTestApp {
  sandbox: PaymentSandbox;
  sandboxUrl: string;
}

/**
 * The payment sandbox in-process on a free port, then the API and worker with
 * payments on and both providers pointed at it; the sandbox's webhooks go back
 * to this API.
 */
export async function startPaymentsApp(options: { redis?: boolean; env?: Record<string, string> } = {}): Promise<PaymentsTestApp> {
  const sandbox = new PaymentSandbox({
    stripeWebhookSecret: STRIPE_WEBHOOK_SECRET,
    razorpayWebhookSecret: RAZORPAY_WEBHOOK_SECRET,
    webhookDelayMs: 20,
  });
  const sandboxUrl = await sandbox.listen(0);
  const t = await startTestApp(
    {
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      PAYMENTS_ENABLED: 'true',
      STRIPE_API_BASE: sandboxUrl,
      STRIPE_WEBHOOK_SECRET,
      RAZORPAY_API_BASE: sandboxUrl,
      RAZORPAY_WEBHOOK_SECRET,
      ...options.env,
    },
    { worker: true, redis: options.redis },
  );
  for (const key of [
    'ADMIN_EMAIL',
    'ADMIN_PASSWORD',
    'PAYMENTS_ENABLED',
    'STRIPE_API_BASE',
    'STRIPE_WEBHOOK_SECRET',
    'RAZORPAY_API_BASE',
    'RAZORPAY_WEBHOOK_SECRET',
    ...Object.keys(options.env ?? {}),
  ]) {
    delete process.env[key];
  }
  const api = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  sandbox.options.stripeWebhookUrl = `${api}/api/v1/payments/webhooks/stripe`;
  sandbox.options.razorpayWebhookUrl = `${api}/api/v1/payments/webhooks/razorpay`;
  const login = await t.http().post('/api/v1/auth/login').send(ADMIN).expect(200);
  const close = t.close;
  return Object.assign(t, {
    adminToken: login.body.accessToken as string,
    sandbox,
    sandboxUrl,
    close: async () => {
      await close();
      await sandbox.close();
    },
  });
}

/** The payment outcome is decided (PAID, PAYMENT_FAILED) or the order never got that far (REJECTED, CANCELLED). */
export const isSettled = (status: string): boolean => status !== 'PENDING' && status !== 'CONFIRMED';

/** Polls until the order's status satisfies `done` (webhooks arrive outside the queues). */
export async function waitForOrder(
  t: PaymentsTestApp,
  token: string,
  orderId: string,
  done: (status: string) => boolean,
  timeoutMs = 20_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Not .expect(200): a poll must survive a transient answer (e.g. a 503 while a dependency restarts).
    const res = await t.http().get(`/api/v1/orders/${orderId}`).set(bearer(token));
    if (res.status === 200 && done(res.body.status)) return res.body;
    if (Date.now() > deadline) throw new Error(`order ${orderId} stuck in ${res.body.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface CapturedLogs {
  /** Every JSON log line written so far, parsed. */
  readonly entries: Array<Record<string, unknown> & { msg?: string }>;
  stop(): void;
}

/**
 * Captures what the processes' pino loggers write (the real log lines, as
 * JSON) for loggers created after this call: call it before startPaymentsApp,
 * and start that app with LOG_LEVEL low enough for the lines you look for.
 */
export function captureLogs(): CapturedLogs {
  const entries: CapturedLogs['entries'] = [];
  setLogDestination(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) {
          if (!line.trim()) continue;
          try {
            entries.push(JSON.parse(line) as CapturedLogs['entries'][number]);
          } catch {
            entries.push({ msg: line });
          }
        }
        done();
      },
    }),
  );
  return { entries, stop: () => setLogDestination(undefined) };
}

/** The circuit breaker transitions logged by the OutboundPolicy of `provider`, in order (e.g. ['Open', 'HalfOpen', 'Closed']). */
export const breakerTransitions = (logs: CapturedLogs, provider: string): string[] =>
  logs.entries.filter((e) => e.provider === provider && typeof e.breaker === 'string').map((e) => e.breaker as string);

const BREAKER_MOVES: Record<string, string[]> = { Closed: ['Open'], Open: ['HalfOpen'], HalfOpen: ['Closed', 'Open'] };

/** True when every logged transition is one a circuit breaker can make, starting closed. */
export const isBreakerPath = (transitions: string[]): boolean =>
  transitions.every((to, i) => (BREAKER_MOVES[i === 0 ? 'Closed' : transitions[i - 1]] ?? []).includes(to));
