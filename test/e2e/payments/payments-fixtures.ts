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
export async function startPaymentsApp(options: { redis?: boolean } = {}): Promise<PaymentsTestApp> {
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
    // Not .expect(200): GET /orders/:id reads FOR UPDATE and can answer 500 (40001) while the worker updates the order.
    const res = await t.http().get(`/api/v1/orders/${orderId}`).set(bearer(token));
    if (res.status === 200 && done(res.body.status)) return res.body;
    if (Date.now() > deadline) throw new Error(`order ${orderId} stuck in ${res.body.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
