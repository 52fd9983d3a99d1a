/**
 * Provider keys and webhook secrets for smoke tests that run NODE_ENV=production
 * against the payment sandbox: production refuses the sandbox defaults, so they
 * are given explicitly, to the sandbox process and to the API and worker alike.
 */
export const SMOKE_PROVIDER_SECRETS = {
  STRIPE_API_KEY: 'sk_test_smoke',
  STRIPE_WEBHOOK_SECRET: 'whsec_smoke',
  RAZORPAY_KEY_ID: 'rzp_test_smoke',
  RAZORPAY_KEY_SECRET: 'rzp_test_smoke_secret',
  RAZORPAY_WEBHOOK_SECRET: 'rzp_webhook_smoke',
} as const;
