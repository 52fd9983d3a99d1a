import { createHmac, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * A payment-provider sandbox: the subset of Stripe's and Razorpay's APIs the
 * Keel adapters use, with provider-side idempotency (a retried request never
 * charges twice), signed webhooks back to the API, a ledger that proves it,
 * and fault injection for resilience tests.
 */
export interface SandboxOptions {
  /** Where webhooks go; unset = none are sent. */
  stripeWebhookUrl?: string;
  razorpayWebhookUrl?: string;
  stripeWebhookSecret: string;
  razorpayWebhookSecret: string;
  /** Delay before a webhook is sent (the API's response usually lands first). */
  webhookDelayMs?: number;
  logger?: boolean;
}

export interface Faults {
  /** 0..1: share of API calls answered 500. */
  errorRate: number;
  /** Added to every API call. */
  latencyMs: number;
  /** 0..1: share of API calls that hang (no answer for 60 s). */
  timeoutRate: number;
  dropWebhooks: boolean;
  /** The next N API calls answer 500 (deterministic, for tests). */
  failNext: number;
  /** The next N API calls answer 429 with `Retry-After: 1` (deterministic, for tests). */
  rateLimitNext: number;
}

export interface LedgerCharge {
  id: string;
  provider: 'stripe' | 'razorpay';
  reference: string;
  orderRef: string | null;
  amount: number;
  currency: string;
  status: 'succeeded' | 'failed';
  createdAt: string;
}

export interface LedgerRefund {
  id: string;
  provider: 'stripe' | 'razorpay';
  chargeId: string;
  amount: number;
  createdAt: string;
}

const NO_FAULTS: Faults = { errorRate: 0, latencyMs: 0, timeoutRate: 0, dropWebhooks: false, failNext: 0, rateLimitNext: 0 };

/** What the sandbox answers with when a request names no `Stripe-Version` (the SDK always sends its pinned one). */
const STRIPE_DEFAULT_VERSION = '2026-10-28.endive';
const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
const now = () => Math.floor(Date.now() / 1000);

const FORBIDDEN_FORM_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Stripe's form encoding as the SDK writes it: `metadata[order_id]=x` →
 * { metadata: { order_id: 'x' } }, nested to any depth, and `expand[]=a` or
 * `expand[0]=a` → { expand: ['a'] }. A key with a `__proto__`, `constructor`
 * or `prototype` segment is dropped whole: assigned through, it would reach
 * Object.prototype (prototype pollution of the whole sandbox process).
 */
export function parseForm(body: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const match = /^([^[\]]+)((?:\[[^\]]*\])*)$/.exec(key);
    if (!match) continue;
    const path = [match[1], ...[...match[2].matchAll(/\[([^\]]*)\]/g)].map((m) => m[1])];
    if (path.some((segment) => FORBIDDEN_FORM_KEYS.has(segment))) continue;
    let bag: Record<string, unknown> | unknown[] = out;
    for (let i = 0; i < path.length; i++) {
      const last = i === path.length - 1;
      const segment = path[i];
      const nextIsList = !last && (path[i + 1] === '' || /^\d+$/.test(path[i + 1]));
      if (Array.isArray(bag)) {
        const index = segment === '' ? bag.length : Number(segment);
        if (last) bag[index] = value;
        else bag = (bag[index] ??= nextIsList ? [] : {}) as Record<string, unknown> | unknown[];
      } else if (last) bag[segment] = value;
      else bag = (bag[segment] ??= nextIsList ? [] : {}) as Record<string, unknown> | unknown[];
    }
  }
  return out;
}

export function signStripe(secret: string, payload: string, timestamp = now()): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

export function signRazorpay(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

interface StoredResponse {
  status: number;
  body: unknown;
}

interface StripeIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  currency: string;
  status: 'requires_confirmation' | 'succeeded' | 'requires_payment_method';
  payment_method: string;
  metadata: Record<string, string>;
  created: number;
  last_payment_error: { code: string; decline_code: string; message: string } | null;
  latest_charge: string | null;
}

interface RazorpayOrder {
  id: string;
  entity: 'order';
  amount: number;
  amount_paid: number;
  currency: string;
  receipt: string;
  status: 'created' | 'attempted' | 'paid';
  notes: Record<string, string>;
  created_at: number;
}

interface RazorpayPayment {
  id: string;
  entity: 'payment';
  amount: number;
  currency: string;
  status: 'captured' | 'failed' | 'refunded';
  order_id: string;
  method: string;
  vpa: string | null;
  amount_refunded: number;
  error_code: string | null;
  error_description: string | null;
  created_at: number;
}

export class PaymentSandbox {
  readonly app: FastifyInstance;
  faults: Faults = { ...NO_FAULTS };
  readonly charges: LedgerCharge[] = [];
  /** Provider calls currently held by the `latencyMs` fault (in flight, not yet answered). */
  delayedRequests = 0;
  readonly refunds: LedgerRefund[] = [];
  readonly webhooksSent: Array<{ provider: string; type: string; status: number | null }> = [];
  private readonly stripeIdempotency = new Map<string, StoredResponse>();
  private readonly intents = new Map<string, StripeIntent>();
  private readonly rzpOrders = new Map<string, RazorpayOrder>();
  private readonly rzpPayments = new Map<string, RazorpayPayment>();
  private readonly pendingWebhooks = new Set<Promise<void>>();

  constructor(readonly options: SandboxOptions) {
    this.app = Fastify({ logger: options.logger ?? false });
    this.app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
      done(null, parseForm(body as string)),
    );
    this.routes();
  }

  async listen(port: number, host = '127.0.0.1'): Promise<string> {
    return this.app.listen({ port, host });
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.pendingWebhooks]);
    await this.app.close();
  }

  reset(): void {
    this.faults = { ...NO_FAULTS };
  }

  private routes(): void {
    const app = this.app;
    app.get('/__sandbox/ledger', async () => ({ charges: this.charges, refunds: this.refunds, webhooks: this.webhooksSent }));
    app.get('/__sandbox/faults', async () => this.faults);
    app.post('/__sandbox/faults', async (req) => {
      const body = (req.body ?? {}) as Partial<Faults>;
      this.faults = { ...NO_FAULTS, ...body };
      return this.faults;
    });
    app.get('/__sandbox/health', async () => ({ ok: true }));

    // ---- Stripe ----
    app.post('/v1/payment_intents', async (req, reply) => {
      if (!(await this.guard(req, reply, 'stripe'))) return reply;
      return this.stripeIdempotent(req, reply, () => this.createIntent(req.body as Record<string, unknown>));
    });
    app.get('/v1/payment_intents/:id', async (req, reply) => {
      if (!(await this.guard(req, reply, 'stripe'))) return reply;
      const intent = this.intents.get((req.params as { id: string }).id);
      if (!intent) return reply.code(404).send(stripeError('invalid_request_error', 'resource_missing', 'No such payment_intent'));
      return intent;
    });
    app.post('/v1/payment_intents/:id/confirm', async (req, reply) => {
      if (!(await this.guard(req, reply, 'stripe'))) return reply;
      const intentId = (req.params as { id: string }).id;
      return this.stripeIdempotent(req, reply, () => this.confirmExisting(intentId, (req.body ?? {}) as Record<string, unknown>));
    });
    app.post('/v1/refunds', async (req, reply) => {
      if (!(await this.guard(req, reply, 'stripe'))) return reply;
      return this.stripeIdempotent(req, reply, () => this.createStripeRefund(req.body as Record<string, unknown>));
    });

    // ---- Razorpay ----
    app.post('/v1/orders', async (req, reply) => {
      if (!(await this.guard(req, reply, 'razorpay'))) return reply;
      const body = (req.body ?? {}) as { amount?: number; currency?: string; receipt?: string; notes?: Record<string, string> };
      if (!Number.isInteger(body.amount) || !body.currency || !body.receipt) {
        return reply.code(400).send(razorpayError('amount, currency and receipt are required'));
      }
      // Receipt-based idempotency: one Razorpay order per merchant receipt.
      const existing = [...this.rzpOrders.values()].find((o) => o.receipt === body.receipt);
      if (existing) return existing;
      const order: RazorpayOrder = {
        id: id('order'),
        entity: 'order',
        amount: body.amount!,
        amount_paid: 0,
        currency: body.currency,
        receipt: body.receipt,
        status: 'created',
        notes: body.notes ?? {},
        created_at: now(),
      };
      this.rzpOrders.set(order.id, order);
      return order;
    });
    app.post('/v1/payments/create/json', async (req, reply) => {
      if (!(await this.guard(req, reply, 'razorpay'))) return reply;
      const body = (req.body ?? {}) as { order_id?: string; amount?: number; currency?: string; method?: string; vpa?: string };
      const order = body.order_id ? this.rzpOrders.get(body.order_id) : undefined;
      if (!order) return reply.code(400).send(razorpayError('The id provided does not exist'));
      // A paid order is never charged again: answer with its captured payment.
      const captured = [...this.rzpPayments.values()].find((p) => p.order_id === order.id && p.status !== 'failed');
      if (captured) return captured;
      const ok = body.vpa === 'success@razorpay';
      const payment: RazorpayPayment = {
        id: id('pay'),
        entity: 'payment',
        amount: order.amount,
        currency: order.currency,
        status: ok ? 'captured' : 'failed',
        order_id: order.id,
        method: body.method ?? 'upi',
        vpa: body.vpa ?? null,
        amount_refunded: 0,
        error_code: ok ? null : 'BAD_REQUEST_ERROR',
        error_description: ok ? null : 'Payment failed',
        created_at: now(),
      };
      this.rzpPayments.set(payment.id, payment);
      order.status = ok ? 'paid' : 'attempted';
      if (ok) order.amount_paid = order.amount;
      this.ledgerCharge('razorpay', payment.id, order.receipt, payment.amount, payment.currency, ok ? 'succeeded' : 'failed');
      this.webhook('razorpay', ok ? 'payment.captured' : 'payment.failed', { payment: { entity: payment } });
      if (!ok) {
        return reply.code(400).send({
          error: {
            code: 'BAD_REQUEST_ERROR',
            description: 'Payment failed',
            source: 'customer',
            step: 'payment_authorization',
            reason: 'payment_failed',
            metadata: { payment_id: payment.id, order_id: order.id },
          },
        });
      }
      return payment;
    });
    app.get('/v1/payments/:id', async (req, reply) => {
      if (!(await this.guard(req, reply, 'razorpay'))) return reply;
      const payment = this.rzpPayments.get((req.params as { id: string }).id);
      if (!payment) return reply.code(404).send(razorpayError('The id provided does not exist'));
      return payment;
    });
    app.post('/v1/payments/:id/refund', async (req, reply) => {
      if (!(await this.guard(req, reply, 'razorpay'))) return reply;
      const payment = this.rzpPayments.get((req.params as { id: string }).id);
      if (!payment || payment.status === 'failed') return reply.code(400).send(razorpayError('The payment cannot be refunded'));
      const existing = this.refunds.find((r) => r.chargeId === payment.id);
      const refund = existing ?? this.ledgerRefund('razorpay', payment.id, payment.amount);
      if (!existing) {
        payment.status = 'refunded';
        payment.amount_refunded = payment.amount;
        this.webhook('razorpay', 'refund.processed', {
          refund: { entity: { id: refund.id, payment_id: payment.id, amount: refund.amount } },
        });
      }
      return {
        id: refund.id,
        entity: 'refund',
        amount: refund.amount,
        currency: payment.currency,
        payment_id: payment.id,
        status: 'processed',
      };
    });
  }

  private createIntent(body: Record<string, unknown>): StoredResponse {
    const amount = Number(body.amount);
    const currency = String(body.currency ?? '').toLowerCase();
    const method = String(body.payment_method ?? '');
    if (!Number.isInteger(amount) || amount < 1 || !currency || !method) {
      return {
        status: 400,
        body: stripeError('invalid_request_error', 'parameter_missing', 'amount, currency and payment_method are required'),
      };
    }
    const intent: StripeIntent = {
      id: id('pi'),
      object: 'payment_intent',
      amount,
      currency,
      status: 'requires_confirmation',
      payment_method: method,
      metadata: (body.metadata ?? {}) as Record<string, string>,
      created: now(),
      last_payment_error: null,
      latest_charge: null,
    };
    this.intents.set(intent.id, intent);
    // Like Stripe: created unconfirmed unless `confirm=true`; confirming is what charges.
    return body.confirm === 'true' ? this.confirmIntent(intent) : { status: 200, body: intent };
  }

  /** `POST /v1/payment_intents/:id/confirm`: charges an unconfirmed (or declined, with a new method) intent. */
  private confirmExisting(intentId: string, body: Record<string, unknown>): StoredResponse {
    const intent = this.intents.get(intentId);
    if (!intent) return { status: 404, body: stripeError('invalid_request_error', 'resource_missing', 'No such payment_intent') };
    if (intent.status !== 'requires_confirmation' && intent.status !== 'requires_payment_method') {
      return {
        status: 400,
        body: stripeError(
          'invalid_request_error',
          'payment_intent_unexpected_state',
          `This PaymentIntent's status is ${intent.status}, so it cannot be confirmed`,
        ),
      };
    }
    if (typeof body.payment_method === 'string' && body.payment_method) intent.payment_method = body.payment_method;
    return this.confirmIntent(intent);
  }

  private confirmIntent(intent: StripeIntent): StoredResponse {
    const declined = intent.payment_method !== 'pm_card_visa';
    intent.status = declined ? 'requires_payment_method' : 'succeeded';
    intent.last_payment_error = declined
      ? { code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' }
      : null;
    intent.latest_charge = declined ? null : id('ch');
    this.ledgerCharge(
      'stripe',
      intent.id,
      intent.metadata.order_id ?? null,
      intent.amount,
      intent.currency,
      declined ? 'failed' : 'succeeded',
    );
    this.webhook('stripe', declined ? 'payment_intent.payment_failed' : 'payment_intent.succeeded', { object: { ...intent } });
    if (declined) {
      return {
        status: 402,
        body: {
          error: {
            type: 'card_error',
            code: 'card_declined',
            decline_code: 'generic_decline',
            message: 'Your card was declined.',
            payment_intent: { ...intent },
          },
        },
      };
    }
    return { status: 200, body: { ...intent } };
  }

  private createStripeRefund(body: Record<string, unknown>): StoredResponse {
    const intent = this.intents.get(String(body.payment_intent ?? ''));
    if (!intent || intent.status !== 'succeeded') {
      return { status: 400, body: stripeError('invalid_request_error', 'charge_not_refundable', 'This PaymentIntent cannot be refunded') };
    }
    const existing = this.refunds.find((r) => r.chargeId === intent.id);
    if (existing) return { status: 400, body: stripeError('invalid_request_error', 'charge_already_refunded', 'Already refunded') };
    const refund = this.ledgerRefund('stripe', intent.id, intent.amount);
    const object = {
      id: refund.id,
      object: 'refund',
      amount: refund.amount,
      currency: intent.currency,
      payment_intent: intent.id,
      status: 'succeeded',
    };
    this.webhook('stripe', 'charge.refunded', {
      object: { id: intent.latest_charge, object: 'charge', payment_intent: intent.id, refunded: true },
    });
    return { status: 200, body: object };
  }

  /** Stripe's Idempotency-Key: the same key replays the first response, whatever it was. */
  private stripeIdempotent(req: FastifyRequest, reply: FastifyReply, create: () => StoredResponse) {
    const key = req.headers['idempotency-key'];
    const scoped = typeof key === 'string' && key ? `${req.url}:${key}` : undefined;
    const stored = scoped ? this.stripeIdempotency.get(scoped) : undefined;
    if (stored) return reply.code(stored.status).header('idempotent-replayed', 'true').send(stored.body);
    const response = create();
    if (scoped) this.stripeIdempotency.set(scoped, response);
    return reply.code(response.status).send(response.body);
  }

  /** Authentication and injected faults; false when the request was already answered. */
  private async guard(req: FastifyRequest, reply: FastifyReply, provider: 'stripe' | 'razorpay'): Promise<boolean> {
    if (provider === 'stripe') {
      // Like Stripe: every answer names its request and the API version it was rendered in.
      const version = req.headers['stripe-version'];
      reply
        .header('request-id', id('req'))
        .header('stripe-version', typeof version === 'string' && version ? version : STRIPE_DEFAULT_VERSION);
    }
    const auth = req.headers.authorization ?? '';
    if (provider === 'stripe' ? !auth.startsWith('Bearer ') : !auth.startsWith('Basic ')) {
      reply
        .code(401)
        .send(
          provider === 'stripe'
            ? stripeError('invalid_request_error', 'api_key_missing', 'No API key')
            : razorpayError('Authentication failed'),
        );
      return false;
    }
    const f = this.faults;
    if (f.latencyMs > 0) {
      // Counted so a test can act while a provider call is provably in flight.
      this.delayedRequests += 1;
      await sleep(f.latencyMs).finally(() => (this.delayedRequests -= 1));
    }
    if (f.timeoutRate > 0 && Math.random() < f.timeoutRate) {
      await sleep(60_000);
    }
    if (f.rateLimitNext > 0) {
      f.rateLimitNext -= 1;
      reply
        .code(429)
        .header('retry-after', '1')
        .send(
          provider === 'stripe'
            ? stripeError('invalid_request_error', 'rate_limit', 'Too many requests')
            : razorpayError('Too many requests', 'TOO_MANY_REQUESTS'),
        );
      return false;
    }
    if (f.failNext > 0 || (f.errorRate > 0 && Math.random() < f.errorRate)) {
      if (f.failNext > 0) f.failNext -= 1;
      reply
        .code(500)
        .send(
          provider === 'stripe'
            ? stripeError('api_error', 'sandbox_fault', 'Injected fault')
            : razorpayError('Injected fault', 'SERVER_ERROR'),
        );
      return false;
    }
    return true;
  }

  private ledgerCharge(
    provider: 'stripe' | 'razorpay',
    reference: string,
    orderRef: string | null,
    amount: number,
    currency: string,
    status: 'succeeded' | 'failed',
  ) {
    this.charges.push({
      id: id('ledger'),
      provider,
      reference,
      orderRef,
      amount,
      currency: currency.toUpperCase(),
      status,
      createdAt: new Date().toISOString(),
    });
  }

  private ledgerRefund(provider: 'stripe' | 'razorpay', chargeId: string, amount: number): LedgerRefund {
    const refund = { id: id(provider === 'stripe' ? 're' : 'rfnd'), provider, chargeId, amount, createdAt: new Date().toISOString() };
    this.refunds.push(refund);
    return refund;
  }

  /** Sends a signed webhook in the provider's format, a little later, retrying a few times. */
  private webhook(provider: 'stripe' | 'razorpay', type: string, data: Record<string, unknown>): void {
    const url = provider === 'stripe' ? this.options.stripeWebhookUrl : this.options.razorpayWebhookUrl;
    if (!url || this.faults.dropWebhooks) {
      this.webhooksSent.push({ provider, type, status: null });
      return;
    }
    const eventId = id(provider === 'stripe' ? 'evt' : 'evt_rzp');
    const body =
      provider === 'stripe'
        ? JSON.stringify({ id: eventId, object: 'event', type, created: now(), data })
        : JSON.stringify({
            entity: 'event',
            account_id: 'acc_sandbox',
            event: type,
            contains: Object.keys(data),
            payload: data,
            created_at: now(),
          });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (provider === 'stripe') headers['stripe-signature'] = signStripe(this.options.stripeWebhookSecret, body);
    else {
      headers['x-razorpay-signature'] = signRazorpay(this.options.razorpayWebhookSecret, body);
      headers['x-razorpay-event-id'] = eventId;
    }
    const send = (async () => {
      await sleep(this.options.webhookDelayMs ?? 100);
      for (let attempt = 1; attempt <= 3; attempt++) {
        try {
          const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(5000) });
          await res.arrayBuffer();
          this.webhooksSent.push({ provider, type, status: res.status });
          if (res.ok) return;
        } catch {
          // retried below
        }
        await sleep(200 * attempt);
      }
    })();
    this.pendingWebhooks.add(send);
    void send.finally(() => this.pendingWebhooks.delete(send));
  }
}

function stripeError(type: string, code: string, message: string) {
  return { error: { type, code, message } };
}

function razorpayError(description: string, code = 'BAD_REQUEST_ERROR') {
  return { error: { code, description } };
}
