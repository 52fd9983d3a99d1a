import type { FeatureFlagSeed } from '@keel/kernel';

/**
 * The providers' runtime switches. Orders reads them at checkout
 * (place-order/payment-provider-switch.ts); the migration step creates them
 * when missing, so an operator's switch-off survives deploys.
 */
export const PAYMENTS_FEATURE_FLAGS: readonly FeatureFlagSeed[] = [
  {
    key: 'payments.stripe.enabled',
    value: true,
    description: 'New orders may choose Stripe; false rejects them with 422 (orders already placed are still charged).',
  },
  {
    key: 'payments.razorpay.enabled',
    value: true,
    description: 'New orders may choose Razorpay; false rejects them with 422 (orders already placed are still charged).',
  },
];
