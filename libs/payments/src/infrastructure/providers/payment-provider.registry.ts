import type { Provider } from '@nestjs/common';
import { PAYMENT_PROVIDER_REGISTRY, type PaymentProvider, type PaymentProviderRegistry } from '../../application';
import { RazorpayPaymentProvider } from './razorpay/razorpay.payment-provider';
import { StripePaymentProvider } from './stripe/stripe.payment-provider';
import { PaymentsConfig } from '../../payments.environment';

/** The strategies by name, built once per process (one OutboundPolicy, so one breaker, per provider). */
export const paymentProviderRegistry: Provider<PaymentProviderRegistry> = {
  provide: PAYMENT_PROVIDER_REGISTRY,
  inject: [PaymentsConfig],
  useFactory: (config: PaymentsConfig): PaymentProviderRegistry => {
    const adapters: PaymentProvider[] = [
      new StripePaymentProvider({
        apiBase: config.get('STRIPE_API_BASE', { infer: true }),
        apiKey: config.get('STRIPE_API_KEY', { infer: true }),
        webhookSecret: config.get('STRIPE_WEBHOOK_SECRET', { infer: true }),
      }),
      new RazorpayPaymentProvider({
        apiBase: config.get('RAZORPAY_API_BASE', { infer: true }),
        keyId: config.get('RAZORPAY_KEY_ID', { infer: true }),
        keySecret: config.get('RAZORPAY_KEY_SECRET', { infer: true }),
        webhookSecret: config.get('RAZORPAY_WEBHOOK_SECRET', { infer: true }),
      }),
    ];
    const byName = new Map(adapters.map((a) => [a.name as string, a]));
    return { get: (name) => byName.get(name) };
  },
};
