import { ValidationError } from '@keel/kernel/domain';

export const PAYMENT_PROVIDERS = ['stripe', 'razorpay'] as const;
export type PaymentProvider = (typeof PAYMENT_PROVIDERS)[number];

export const PAYMENT_METHOD_MAX_LENGTH = 100;

/** How the customer wants to pay: a provider and that provider's method token (e.g. `pm_card_visa`). */
export class PaymentChoice {
  private constructor(
    readonly provider: PaymentProvider,
    readonly method: string,
  ) {}

  static create(provider: string, method: string): PaymentChoice {
    if (!PAYMENT_PROVIDERS.includes(provider as PaymentProvider)) {
      throw new ValidationError('Unsupported payment provider.', [
        { field: 'payment.provider', message: `must be one of ${PAYMENT_PROVIDERS.join(', ')}` },
      ]);
    }
    if (method.trim().length === 0 || method.length > PAYMENT_METHOD_MAX_LENGTH) {
      throw new ValidationError('Invalid payment method.', [
        { field: 'payment.method', message: `must be 1 to ${PAYMENT_METHOD_MAX_LENGTH} characters and not blank` },
      ]);
    }
    return new PaymentChoice(provider as PaymentProvider, method);
  }
}
