import { Logger } from '@nestjs/common';
import { OutboundPolicy } from '@keel/observability';
import Stripe from 'stripe';
import {
  type ChargeOutcome,
  type CreateChargeInput,
  InvalidWebhookSignatureError,
  type PaymentProvider,
  type RefundInput,
  WEBHOOK_TOLERANCE_SECONDS,
  type WebhookEvent,
} from '../../../application';
import { header } from '../provider-http';
import { createStripeClient, withAttemptSignal } from './stripe-client';
import { toOutboundError } from './stripe-errors';

export interface StripeSettings {
  /** e.g. https://api.stripe.com, or the sandbox: the SDK gets its host, port and protocol. */
  apiBase: string;
  apiKey: string;
  webhookSecret: string;
}

/**
 * Stripe PaymentIntents through the official SDK (`stripe`), each call one
 * attempt under the provider's OutboundPolicy (timeouts, retries, breaker,
 * bulkhead, metrics and spans stay the platform's), and `Stripe-Signature`
 * webhooks verified by the SDK.
 */
export class StripePaymentProvider implements PaymentProvider {
  readonly name = 'stripe' as const;
  private readonly logger = new Logger(StripePaymentProvider.name);
  private readonly stripe: Stripe;

  constructor(
    private readonly settings: StripeSettings,
    private readonly policy: OutboundPolicy = new OutboundPolicy({ provider: 'stripe' }),
  ) {
    this.stripe = createStripeClient(settings.apiBase, settings.apiKey);
  }

  createCharge(input: CreateChargeInput): Promise<ChargeOutcome> {
    return this.call('create-charge', async () => {
      try {
        const intent = await this.stripe.paymentIntents.create(
          {
            amount: input.amount,
            currency: input.currency.toLowerCase(),
            payment_method: input.method,
            confirm: true,
            // Server-side confirmation: no redirect-based method, so no return_url.
            automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
            metadata: { order_id: input.orderId },
          },
          { idempotencyKey: input.idempotencyKey },
        );
        return intentOutcome(intent);
      } catch (error) {
        // A decline is an answer, not a failure: returned inside the attempt, so it is neither retried nor counted by the breaker.
        if (error instanceof Stripe.errors.StripeCardError) {
          return {
            status: 'declined',
            providerReference: error.payment_intent?.id ?? null,
            reason: `${error.message || 'Your card was declined.'} (${error.code ?? 'card_error'})`,
          };
        }
        throw error;
      }
    });
  }

  getCharge(providerReference: string): Promise<ChargeOutcome> {
    return this.call('get-charge', async () => intentOutcome(await this.stripe.paymentIntents.retrieve(providerReference)));
  }

  refund(input: RefundInput): Promise<{ refundReference: string }> {
    return this.call('refund', async () => {
      const refund = await this.stripe.refunds.create(
        { payment_intent: input.providerReference, amount: input.amount },
        { idempotencyKey: input.idempotencyKey },
      );
      return { refundReference: refund.id };
    });
  }

  parseWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>, now: Date): WebhookEvent {
    const signature = header(headers, 'stripe-signature');
    if (!signature) throw new InvalidWebhookSignatureError('Missing Stripe-Signature header.');
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(
        rawBody,
        signature,
        this.settings.webhookSecret,
        WEBHOOK_TOLERANCE_SECONDS,
        undefined,
        now.getTime(),
      );
    } catch (error) {
      if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
        // A fixed answer: the SDK's text says which check failed and echoes what it expected, which helps a forger
        // more than an operator (the operator gets the SDK's text in the log line below).
        this.logger.warn({ reason: error.message }, 'Stripe webhook signature refused');
        throw new InvalidWebhookSignatureError('Invalid Stripe-Signature.');
      }
      throw new InvalidWebhookSignatureError('The Stripe webhook body is not a JSON event.');
    }
    switch (event.type) {
      case 'payment_intent.succeeded':
        return {
          eventId: event.id,
          type: 'charge.succeeded',
          providerReference: event.data.object.id,
          charged: chargedBy(event.data.object),
        };
      case 'payment_intent.payment_failed':
        return {
          eventId: event.id,
          type: 'charge.failed',
          providerReference: event.data.object.id,
          charged: chargedBy(event.data.object),
          reason: event.data.object.last_payment_error?.message ?? 'Card declined',
        };
      case 'charge.refunded': {
        const intent = event.data.object.payment_intent;
        return {
          eventId: event.id,
          type: 'charge.refunded',
          providerReference: intent ? (typeof intent === 'string' ? intent : intent.id) : null,
        };
      }
      default:
        return { eventId: event.id, type: 'ignored', providerReference: null };
    }
  }

  /** One SDK request per policy attempt; its errors mapped so the policy retries only what can succeed. */
  private call<T>(operation: string, request: () => Promise<T>): Promise<T> {
    return this.policy.call(operation, async (signal) => {
      try {
        return await withAttemptSignal(signal, request);
      } catch (error) {
        throw toOutboundError(error);
      }
    });
  }
}

function intentOutcome(intent: Stripe.PaymentIntent): ChargeOutcome {
  if (intent.status === 'succeeded') return { status: 'succeeded', providerReference: intent.id };
  if (intent.status === 'requires_payment_method' || intent.status === 'canceled') {
    return { status: 'declined', providerReference: intent.id, reason: intent.last_payment_error?.message ?? 'Payment declined' };
  }
  return { status: 'pending', providerReference: intent.id };
}

/** Stripe's intent amount (minor units) and lower-case currency, in the payment's terms; undefined when the event lacks them. */
function chargedBy(intent: { amount?: unknown; currency?: unknown }): { amount: number; currency: string } | undefined {
  if (typeof intent.amount !== 'number' || typeof intent.currency !== 'string') return undefined;
  return { amount: intent.amount, currency: intent.currency.toUpperCase() };
}
