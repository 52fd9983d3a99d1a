import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { OutboundCallError, OutboundPolicy } from '@keel/observability';
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

export interface RazorpaySettings {
  apiBase: string;
  keyId: string;
  keySecret: string;
  webhookSecret: string;
}

interface RazorpayPayment {
  id: string;
  status: string;
  amount?: number;
  currency?: string;
  error_description?: string | null;
}

/**
 * Razorpay orders (receipt = our order id, so a retry finds the same order)
 * and S2S payments (the method is the UPI VPA, e.g. success@razorpay), with
 * `X-Razorpay-Signature` webhooks.
 *
 * Plain HTTP (fetch) rather than the official `razorpay` SDK: the SDK fixes
 * its base URL (`hostUrl: 'https://api.razorpay.com/v1/'` in its constructor),
 * so it could not be pointed at the sandbox or a proxy, and its calls take no
 * AbortSignal for our per-attempt timeout.
 */
export class RazorpayPaymentProvider implements PaymentProvider {
  readonly name = 'razorpay' as const;

  constructor(
    private readonly settings: RazorpaySettings,
    private readonly policy: OutboundPolicy = new OutboundPolicy({ provider: 'razorpay' }),
  ) {}

  async createCharge(input: CreateChargeInput): Promise<ChargeOutcome> {
    const order = await this.send('create-order', 'POST', '/v1/orders', {
      amount: input.amount,
      currency: input.currency,
      receipt: input.orderId,
      notes: { order_id: input.orderId, idempotency_key: input.idempotencyKey },
    });
    if (order.status !== 200) throw new OutboundCallError(`razorpay refused the order (${order.status})`, 'razorpay', order.status, false);
    const res = await this.send('create-payment', 'POST', '/v1/payments/create/json', {
      order_id: order.body.id,
      amount: input.amount,
      currency: input.currency,
      method: 'upi',
      vpa: input.method,
    });
    if (res.status === 200) return this.outcome(res.body as RazorpayPayment);
    const error = res.body?.error as { description?: string; reason?: string; metadata?: { payment_id?: string } } | undefined;
    if (res.status === 400 && error?.reason) {
      return {
        status: 'declined',
        providerReference: error.metadata?.payment_id ?? null,
        reason: `${error.description ?? 'Payment failed'} (${error.reason})`,
      };
    }
    throw new OutboundCallError(`razorpay answered ${res.status}`, 'razorpay', res.status, false);
  }

  async getCharge(providerReference: string): Promise<ChargeOutcome> {
    const res = await this.send('get-charge', 'GET', `/v1/payments/${encodeURIComponent(providerReference)}`);
    if (res.status !== 200) throw new OutboundCallError(`razorpay answered ${res.status}`, 'razorpay', res.status, false);
    return this.outcome(res.body as RazorpayPayment);
  }

  async refund(input: RefundInput): Promise<{ refundReference: string }> {
    const res = await this.send(
      'refund',
      'POST',
      `/v1/payments/${encodeURIComponent(input.providerReference)}/refund`,
      { amount: input.amount },
      {
        'x-refund-idempotency': input.idempotencyKey,
      },
    );
    if (res.status !== 200) throw new OutboundCallError(`razorpay refused the refund (${res.status})`, 'razorpay', res.status, false);
    return { refundReference: String(res.body.id) };
  }

  parseWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>, now: Date): WebhookEvent {
    const signature = header(headers, 'x-razorpay-signature');
    if (!signature) throw new InvalidWebhookSignatureError('Missing X-Razorpay-Signature header.');
    const expected = createHmac('sha256', this.settings.webhookSecret).update(rawBody).digest();
    const given = Buffer.from(signature, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new InvalidWebhookSignatureError('The X-Razorpay-Signature does not match the payload.');
    }
    const event = JSON.parse(rawBody.toString('utf8')) as {
      event: string;
      created_at?: number;
      payload?: { payment?: { entity?: RazorpayPayment }; refund?: { entity?: { id?: string; payment_id?: string } } };
    };
    // The signed body carries its time: an old (replayed) delivery is refused like Stripe's.
    if (typeof event.created_at !== 'number' || Math.abs(now.getTime() / 1000 - event.created_at) > WEBHOOK_TOLERANCE_SECONDS) {
      throw new InvalidWebhookSignatureError('The Razorpay webhook is outside the tolerance.');
    }
    const payment = event.payload?.payment?.entity;
    const refund = event.payload?.refund?.entity;
    // From the signed body only: the X-Razorpay-Event-Id header is not covered by the signature, so a replayed body
    // with a fresh header would pass the inbox as a new event. One event per (type, entity) is what Razorpay sends.
    const entityId = payment?.id ?? refund?.id;
    const eventId = entityId ? `${event.event}:${entityId}` : createHash('sha256').update(rawBody).digest('hex');
    const charged =
      typeof payment?.amount === 'number' && typeof payment.currency === 'string'
        ? { charged: { amount: payment.amount, currency: payment.currency.toUpperCase() } }
        : {};
    switch (event.event) {
      case 'payment.captured':
        return { eventId, type: 'charge.succeeded', providerReference: payment?.id ?? null, ...charged };
      case 'payment.failed':
        return {
          eventId,
          type: 'charge.failed',
          providerReference: payment?.id ?? null,
          reason: payment?.error_description ?? 'Payment failed',
          ...charged,
        };
      case 'refund.processed':
        return { eventId, type: 'charge.refunded', providerReference: refund?.payment_id ?? null };
      default:
        return { eventId, type: 'ignored', providerReference: null };
    }
  }

  private outcome(payment: RazorpayPayment): ChargeOutcome {
    if (payment.status === 'captured') return { status: 'succeeded', providerReference: payment.id };
    if (payment.status === 'failed')
      return { status: 'declined', providerReference: payment.id, reason: payment.error_description ?? 'Payment failed' };
    return { status: 'pending', providerReference: payment.id };
  }

  private send(
    operation: string,
    method: string,
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ): Promise<ProviderResponse> {
    const auth = Buffer.from(`${this.settings.keyId}:${this.settings.keySecret}`).toString('base64');
    return providerCall(this.policy, operation, `${this.settings.apiBase}${path}`, {
      method,
      headers: { authorization: `Basic ${auth}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...extra },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  }
}
