import { AsyncLocalStorage } from 'node:async_hooks';
import Stripe from 'stripe';

/**
 * The AbortSignal of the OutboundPolicy attempt in progress. The SDK takes no
 * signal per request, so its fetch picks this one up: when our per-attempt
 * timeout or the overall deadline fires, the HTTP request is really aborted,
 * not just abandoned.
 */
const attemptSignal = new AsyncLocalStorage<AbortSignal>();

/** Runs `call` (one SDK request) with `signal` aborting its HTTP request. */
export function withAttemptSignal<T>(signal: AbortSignal, call: () => Promise<T>): Promise<T> {
  return attemptSignal.run(signal, call);
}

const fetchUnderAttempt: typeof fetch = (input, init) => {
  const attempt = attemptSignal.getStore();
  const own = init?.signal ?? undefined; // the SDK's own timeout
  const signal = attempt && own ? AbortSignal.any([own, attempt]) : (attempt ?? own);
  return fetch(input, { ...init, signal });
};

/**
 * Only a backstop: the policy's per-attempt timeout aborts the request first
 * (through the signal above). Kept at the policy's default overall deadline.
 */
const SDK_TIMEOUT_MS = 20_000;

/**
 * The official SDK pointed at `apiBase` (https://api.stripe.com, or the
 * sandbox). Retries are off (`maxNetworkRetries: 0`): the provider's
 * OutboundPolicy owns retries, the breaker and the bulkhead, so one SDK call is
 * exactly one attempt. fetch rather than node:http keeps every request visible
 * to the same instrumentation as other outbound calls.
 */
export function createStripeClient(apiBase: string, apiKey: string): Stripe {
  const url = new URL(apiBase);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return new Stripe(apiKey, {
    host: url.hostname,
    port: url.port || (protocol === 'http' ? 80 : 443),
    protocol,
    maxNetworkRetries: 0,
    timeout: SDK_TIMEOUT_MS,
    httpClient: Stripe.createFetchHttpClient(fetchUnderAttempt),
    // Our own metrics measure latency; nothing about our calls is reported to Stripe.
    telemetry: false,
    appInfo: { name: 'keel' },
  });
}
