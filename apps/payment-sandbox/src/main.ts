import { exitWhenOrphaned } from '@keel/kernel/lifecycle/exit-when-orphaned';
import { PaymentSandbox } from './sandbox';

/**
 * `npm run start:sandbox`: the payment-provider sandbox on SANDBOX_PORT
 * (default 4010), sending webhooks to the API at SANDBOX_WEBHOOK_BASE
 * (default http://127.0.0.1:$PORT/api/v1/payments/webhooks).
 */
async function main(): Promise<void> {
  const env = process.env;
  const port = Number(env.SANDBOX_PORT ?? 4010);
  const base = env.SANDBOX_WEBHOOK_BASE ?? `http://127.0.0.1:${env.PORT ?? 3000}/api/v1/payments/webhooks`;
  const sandbox = new PaymentSandbox({
    stripeWebhookUrl: `${base}/stripe`,
    razorpayWebhookUrl: `${base}/razorpay`,
    stripeWebhookSecret: env.STRIPE_WEBHOOK_SECRET ?? 'whsec_sandbox',
    razorpayWebhookSecret: env.RAZORPAY_WEBHOOK_SECRET ?? 'rzp_webhook_sandbox',
    logger: env.LOG_LEVEL !== 'silent',
  });
  const address = await sandbox.listen(port, env.SANDBOX_HOST ?? '127.0.0.1');
  process.stdout.write(`${JSON.stringify({ msg: 'Payment sandbox listening', address, webhooks: base })}\n`);
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // Under `npm start`: leave with the launcher even when it was SIGKILLed.
  exitWhenOrphaned();
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
