import { createHmac, timingSafeEqual } from 'node:crypto';
import { OutboundCallError, OutboundPolicy } from '@keel/platform';
import {
  type ChargeOutcome,
  type CreateChargeInput,
  InvalidWebhookSignatureError,
  type PaymentProvider,
  type RefundInput,
  WEBHOOK_TOLERANCE_SECONDS,
  type WebhookEvent,
} from '../../../application';
import { header, providerCall, type ProviderResponse } from '../provider-http';

export interface StripeSettings {
  apiBase: string;
  apiKey: string;
  webhookSecret: string;
}

/** Stripe PaymentIntents (form-encoded, Idempotency-Key) and `Stripe-Signature` webhooks. */
export class StripePaymentProvider implements PaymentProvider {
  readonly name = 'stripe' as const;

  constructor(
    private readonly settings: StripeSettings,
    private readonly policy: OutboundPolicy = new OutboundPolicy({ provider: 'stripe' }),
  ) {}

  async createCharge(input: CreateChargeInput): Promise<ChargeOutcome> {
    const form = new URLSearchParams({
      amount: String(input.amount),
      currency: input.currency.toLowerCase(),
      payment_method: input.method,
      confirm: 'true',
      'metadata[order_id]': input.orderId,
    });
    const res = await this.post('create-charge', '/v1/payment_intents', form, input.idempotencyKey);
    return this.outcome(res);
  }

  async getCharge(providerReference: string): Promise<ChargeOutcome> {
    const res = await providerCall(
      this.policy,
      'get-charge',
      `${this.settings.apiBase}/v1/payment_intents/${encodeURIComponent(providerReference)}`,
      {
        headers: { authorization: `Bearer ${this.settings.apiKey}` },
      },
    );
    return this.outcome(res);
  }

  async refund(input: RefundInput): Promise<{ refundReference: string }> {
    const form = new URLSearchParams({ payment_intent: input.providerReference, amount: String(input.amount) });
    const res = await this.post('refund', '/v1/refunds', form, input.idempotencyKey);
    if (res.status !== 200)
      throw new OutboundCallError(`stripe refused the refund: ${res.body?.error?.code ?? res.status}`, 'stripe', res.status, false);
    return { refundReference: String(res.body.id) };
  }

  parseWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>, now: Date): WebhookEvent {
    const signature = header(headers, 'stripe-signature');
    if (!signature) throw new InvalidWebhookSignatureError('Missing Stripe-Signature header.');
    const parts = signature.split(',').map((p) => p.split('=', 2) as [string, string]);
    const timestamp = Number(parts.find(([k]) => k === 't')?.[1]);
    const candidates = parts.filter(([k]) => k === 'v1').map(([, v]) => v);
    if (!Number.isInteger(timestamp) || candidates.length === 0)
      throw new InvalidWebhookSignatureError('Malformed Stripe-Signature header.');
    const expected = createHmac('sha256', this.settings.webhookSecret).update(`${timestamp}.`).update(rawBody).digest();
    const valid = candidates.some((c) => {
      const given = Buffer.from(c, 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
    if (!valid) throw new InvalidWebhookSignatureError('The Stripe-Signature does not match the payload.');
    if (Math.abs(now.getTime() / 1000 - timestamp) > WEBHOOK_TOLERANCE_SECONDS) {
      throw new InvalidWebhookSignatureError('The Stripe-Signature timestamp is outside the tolerance.');
    }
    const event = JSON.parse(rawBody.toString('utf8')) as { id: string; type: string; data?: { object?: Record<string, unknown> } };
    const object = event.data?.object ?? {};
    switch (event.type) {
      case 'payment_intent.succeeded':
        return { eventId: event.id, type: 'charge.succeeded', providerReference: String(object.id) };
      case 'payment_intent.payment_failed': {
        const error = object.last_payment_error as { message?: string } | null | undefined;
        return {
          eventId: event.id,
          type: 'charge.failed',
          providerReference: String(object.id),
          reason: error?.message ?? 'Card declined',
        };
      }
      case 'charge.refunded':
        return {
          eventId: event.id,
          type: 'charge.refunded',
          providerReference: object.payment_intent ? String(object.payment_intent) : null,
        };
      default:
        return { eventId: event.id, type: 'ignored', providerReference: null };
    }
  }

  private post(operation: string, path: string, form: URLSearchParams, idempotencyKey: string): Promise<ProviderResponse> {
    return providerCall(this.policy, operation, `${this.settings.apiBase}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${this.settings.apiKey}`,
        'content-type': 'application/x-www-form-urlencoded',
        'idempotency-key': idempotencyKey,
      },
      body: form.toString(),
    });
  }

  private outcome(res: ProviderResponse): ChargeOutcome {
    if (res.status === 200) {
      const intent = res.body as { id: string; status: string; last_payment_error?: { message?: string } | null };
      if (intent.status === 'succeeded') return { status: 'succeeded', providerReference: intent.id };
      if (intent.status === 'requires_payment_method' || intent.status === 'canceled') {
        return { status: 'declined', providerReference: intent.id, reason: intent.last_payment_error?.message ?? 'Payment declined' };
      }
      return { status: 'pending', providerReference: intent.id };
    }
    const error = res.body?.error as { type?: string; code?: string; message?: string; payment_intent?: { id?: string } } | undefined;
    if (res.status === 402 && error?.type === 'card_error') {
      return {
        status: 'declined',
        providerReference: error.payment_intent?.id ?? null,
        reason: `${error.message ?? 'Your card was declined.'} (${error.code ?? 'card_error'})`,
      };
    }
    throw new OutboundCallError(`stripe answered ${res.status}: ${error?.code ?? 'error'}`, 'stripe', res.status, false);
  }
}
