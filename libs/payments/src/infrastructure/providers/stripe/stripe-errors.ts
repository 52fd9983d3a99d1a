import { OutboundCallError, parseRetryAfter } from '@keel/observability';
import Stripe from 'stripe';

const PROVIDER = 'stripe';

/**
 * Maps an SDK error into the platform's outbound taxonomy, so the policy
 * retries exactly what can succeed on a second try:
 * - rate limited (429): retryable, waiting for `Retry-After` when given;
 * - `StripeAPIError` / any 5xx: retryable;
 * - `StripeConnectionError` (network, SDK timeout): retryable;
 * - everything else (invalid request, authentication, permission, idempotency
 *   conflict): not retryable.
 * Card declines never get here: the adapter turns them into a declined outcome.
 * Errors that are not the SDK's (our own abort) pass through unchanged.
 */
export function toOutboundError(error: unknown): unknown {
  if (!(error instanceof Stripe.errors.StripeError)) return error;
  const status = error.statusCode;
  const detail = `${error.type}${error.code ? `/${error.code}` : ''}`;
  const retryAfterMs = parseRetryAfter(error.headers?.['retry-after']);
  if (error instanceof Stripe.errors.StripeRateLimitError) {
    return new OutboundCallError(`stripe rate limited the call (${detail})`, PROVIDER, status ?? 429, true, retryAfterMs);
  }
  if (error instanceof Stripe.errors.StripeConnectionError) {
    return new OutboundCallError(`stripe unreachable: ${error.message}`, PROVIDER, undefined, true);
  }
  if (error instanceof Stripe.errors.StripeAPIError || (status !== undefined && status >= 500)) {
    return new OutboundCallError(`stripe answered ${status ?? 'an API error'} (${detail})`, PROVIDER, status, true, retryAfterMs);
  }
  return new OutboundCallError(`stripe refused the request: ${status ?? '?'} (${detail})`, PROVIDER, status, false);
}
