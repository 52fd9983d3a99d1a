import { createHmac } from 'node:crypto';
import { OutboundPolicy } from '@keel/observability';
import { InvalidWebhookSignatureError } from '../../application';
import { RazorpayPaymentProvider } from './razorpay/razorpay.payment-provider';
import { StripePaymentProvider } from './stripe/stripe.payment-provider';

const now = new Date('2026-11-26T12:00:00Z');
const seconds = Math.floor(now.getTime() / 1000);

describe('Stripe webhook verification', () => {
  const stripe = new StripePaymentProvider(
    { apiBase: 'http://unused', apiKey: 'sk', webhookSecret: 'whsec_test' },
    new OutboundPolicy({ provider: 'stripe-test' }),
  );
  const body = JSON.stringify({
    id: 'evt_1',
    type: 'payment_intent.succeeded',
    data: { object: { id: 'pi_1', amount: 1999, currency: 'usd' } },
  });
  const sign = (payload: string, t = seconds, secret = 'whsec_test') =>
    `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${payload}`).digest('hex')}`;

  it('When the signature is valid, then the event is parsed', () => {
    expect(stripe.parseWebhook(Buffer.from(body), { 'stripe-signature': sign(body) }, now)).toEqual({
      eventId: 'evt_1',
      type: 'charge.succeeded',
      providerReference: 'pi_1',
      charged: { amount: 1999, currency: 'USD' },
    });
  });

  it('When a webhook is forged, then the error says so in fixed words, never the SDK’s explanation', () => {
    const attempts = [
      { 'stripe-signature': sign(body, seconds, 'other') },
      { 'stripe-signature': sign(body, seconds - 301) },
      { 'stripe-signature': 'garbage' },
      { 'stripe-signature': `t=${seconds},v1=deadbeef` },
    ];
    for (const headers of attempts) {
      let error: unknown;
      try {
        stripe.parseWebhook(Buffer.from(body), headers, now);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InvalidWebhookSignatureError);
      expect((error as Error).message).toBe('Invalid Stripe-Signature.');
    }
  });

  it('When the body was tampered with, then it is rejected', () => {
    const tampered = body.replace('pi_1', 'pi_2');
    expect(() => stripe.parseWebhook(Buffer.from(tampered), { 'stripe-signature': sign(body) }, now)).toThrow(InvalidWebhookSignatureError);
  });

  it('When signed with another secret or not signed, then it is rejected', () => {
    expect(() => stripe.parseWebhook(Buffer.from(body), { 'stripe-signature': sign(body, seconds, 'other') }, now)).toThrow(
      InvalidWebhookSignatureError,
    );
    expect(() => stripe.parseWebhook(Buffer.from(body), {}, now)).toThrow(InvalidWebhookSignatureError);
  });

  it('When the timestamp is older than 5 minutes, then it is rejected as stale', () => {
    expect(() => stripe.parseWebhook(Buffer.from(body), { 'stripe-signature': sign(body, seconds - 301) }, now)).toThrow(
      InvalidWebhookSignatureError,
    );
    expect(stripe.parseWebhook(Buffer.from(body), { 'stripe-signature': sign(body, seconds - 299) }, now).eventId).toBe('evt_1');
  });
});

describe('Razorpay webhook verification', () => {
  const razorpay = new RazorpayPaymentProvider(
    { apiBase: 'http://unused', keyId: 'k', keySecret: 's', webhookSecret: 'rzp_secret' },
    new OutboundPolicy({ provider: 'razorpay-test' }),
  );
  const event = (createdAt = seconds) =>
    JSON.stringify({
      event: 'payment.failed',
      created_at: createdAt,
      payload: {
        payment: { entity: { id: 'pay_1', status: 'failed', amount: 5000, currency: 'INR', error_description: 'Payment failed' } },
      },
    });
  const sign = (payload: string, secret = 'rzp_secret') => createHmac('sha256', secret).update(payload).digest('hex');

  it('When the signature is valid, then the event is parsed, its id taken from the signed body', () => {
    const body = event();
    expect(razorpay.parseWebhook(Buffer.from(body), { 'x-razorpay-signature': sign(body), 'x-razorpay-event-id': 'evt_r1' }, now)).toEqual({
      eventId: 'payment.failed:pay_1',
      type: 'charge.failed',
      providerReference: 'pay_1',
      reason: 'Payment failed',
      charged: { amount: 5000, currency: 'INR' },
    });
  });

  it('When a signed body is replayed with another X-Razorpay-Event-Id (unsigned), then it keeps the same event id, so the inbox sees a duplicate', () => {
    const body = event();
    const first = razorpay.parseWebhook(Buffer.from(body), { 'x-razorpay-signature': sign(body), 'x-razorpay-event-id': 'evt_a' }, now);
    const replay = razorpay.parseWebhook(Buffer.from(body), { 'x-razorpay-signature': sign(body), 'x-razorpay-event-id': 'evt_b' }, now);
    const noHeader = razorpay.parseWebhook(Buffer.from(body), { 'x-razorpay-signature': sign(body) }, now);
    expect(new Set([first.eventId, replay.eventId, noHeader.eventId])).toEqual(new Set(['payment.failed:pay_1']));
  });

  it('When the body was tampered with or the secret differs, then it is rejected', () => {
    const body = event();
    expect(() => razorpay.parseWebhook(Buffer.from(body.replace('pay_1', 'pay_2')), { 'x-razorpay-signature': sign(body) }, now)).toThrow(
      InvalidWebhookSignatureError,
    );
    expect(() => razorpay.parseWebhook(Buffer.from(body), { 'x-razorpay-signature': sign(body, 'other') }, now)).toThrow(
      InvalidWebhookSignatureError,
    );
  });

  it('When the event is older than 5 minutes, then it is rejected as stale', () => {
    const body = event(seconds - 600);
    expect(() => razorpay.parseWebhook(Buffer.from(body), { 'x-razorpay-signature': sign(body) }, now)).toThrow(/tolerance/);
  });
});
