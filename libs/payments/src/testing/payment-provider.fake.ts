import type { PaymentProviderName } from '../domain';
import {
  type ChargeOutcome,
  type CreateChargeInput,
  InvalidWebhookSignatureError,
  type PaymentProvider,
  type PaymentProviderRegistry,
  type RefundInput,
  type WebhookEvent,
} from '../application';

/**
 * A payment provider in memory: answers what the test arranged and records what
 * it was asked (charges, refunds). An arranged error is thrown instead.
 */
export class FakePaymentProvider implements PaymentProvider {
  readonly charges: CreateChargeInput[] = [];
  readonly refunds: RefundInput[] = [];
  chargeOutcome: ChargeOutcome | Error = { status: 'succeeded', providerReference: 'ch_1' };
  /** What getCharge answers, by provider reference; unknown references answer pending. */
  readonly charged = new Map<string, ChargeOutcome | Error>();
  refundError?: Error;
  /** The verified event parseWebhook returns; undefined: the signature is invalid. */
  webhook?: WebhookEvent;

  constructor(readonly name: PaymentProviderName = 'stripe') {}

  async createCharge(input: CreateChargeInput): Promise<ChargeOutcome> {
    this.charges.push(input);
    if (this.chargeOutcome instanceof Error) throw this.chargeOutcome;
    return this.chargeOutcome;
  }

  async getCharge(providerReference: string): Promise<ChargeOutcome> {
    const outcome = this.charged.get(providerReference) ?? { status: 'pending', providerReference };
    if (outcome instanceof Error) throw outcome;
    return outcome;
  }

  async refund(input: RefundInput): Promise<{ refundReference: string }> {
    if (this.refundError) throw this.refundError;
    this.refunds.push(input);
    return { refundReference: `re_${this.refunds.length}` };
  }

  parseWebhook(): WebhookEvent {
    if (!this.webhook) throw new InvalidWebhookSignatureError('The signature does not match.');
    return this.webhook;
  }
}

/** PaymentProviderRegistry over the given fakes. */
export class FakePaymentProviderRegistry implements PaymentProviderRegistry {
  constructor(private readonly providers: FakePaymentProvider[]) {}

  get(name: string): PaymentProvider | undefined {
    return this.providers.find((p) => p.name === name);
  }
}
