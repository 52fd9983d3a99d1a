import { isRetryable, OutboundCallError } from '@keel/observability';
import Stripe from 'stripe';
import { toOutboundError } from './stripe-errors';

/** The SDK builds its errors from the raw error body plus status and headers; the same here. */
const sdkError = (status: number, type: string, code?: string, headers: Record<string, string> = {}) =>
  Stripe.errors.StripeError.generate({ statusCode: status, type, code, message: 'from the provider', headers } as never);

describe('Stripe SDK errors mapped into the outbound taxonomy', () => {
  it('When the SDK reports a 429 with Retry-After, then it is retryable and waits that long', () => {
    const mapped = toOutboundError(sdkError(429, 'invalid_request_error', 'rate_limit', { 'retry-after': '2' }));
    expect(mapped).toBeInstanceOf(OutboundCallError);
    expect(mapped).toMatchObject({ provider: 'stripe', status: 429, retryable: true, retryAfterMs: 2000 });
  });

  it.each([500, 502, 503])('When the SDK reports a %i API error, then it is retryable', (status) => {
    const mapped = toOutboundError(sdkError(status, 'api_error'));
    expect(mapped).toMatchObject({ status, retryable: true });
    expect(isRetryable(mapped)).toBe(true);
  });

  it('When Stripe answers 409 (the same idempotency key still in flight), then it is retryable: the first request settles it', () => {
    expect(toOutboundError(sdkError(409, 'idempotency_error', 'lock_timeout'))).toMatchObject({ status: 409, retryable: true });
  });

  it('When the SDK could not reach Stripe, then it is retryable', () => {
    const mapped = toOutboundError(
      new Stripe.errors.StripeConnectionError({ message: 'ECONNREFUSED', type: 'StripeConnectionError' } as never),
    );
    expect(mapped).toMatchObject({ provider: 'stripe', status: undefined, retryable: true });
  });

  it.each([
    [400, 'invalid_request_error', 'parameter_missing'],
    [400, 'idempotency_error', 'idempotency_key_in_use'],
    [401, 'invalid_request_error', 'api_key_expired'],
    [403, 'invalid_request_error', 'secret_key_required'],
    [404, 'invalid_request_error', 'resource_missing'],
  ])('When the SDK reports %i %s, then it is not retried', (status, type, code) => {
    const mapped = toOutboundError(sdkError(status, type, code));
    expect(mapped).toMatchObject({ status, retryable: false });
    expect(isRetryable(mapped)).toBe(false);
    expect((mapped as Error).message).toContain(code);
  });

  it("When the error is not the SDK's (our own abort), then it passes through unchanged", () => {
    const abort = new DOMException('aborted', 'AbortError');
    expect(toOutboundError(abort)).toBe(abort);
  });
});
