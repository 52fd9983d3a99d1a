/**
 * The transport under the typed client: retries of idempotent requests only, honouring
 * Retry-After. A request is idempotent when its method is (GET, HEAD, OPTIONS, PUT,
 * DELETE) or when it carries an Idempotency-Key (the server replays the first answer
 * instead of acting twice). Anything else (a POST without a key) is sent exactly once:
 * retrying it after a lost answer could create a second resource.
 */
export interface RetryOptions {
  /** Retries after the first attempt (default 2; 0 disables retries). */
  retries?: number;
  /** First backoff in ms, doubled per retry, with jitter (default 200). */
  baseDelayMs?: number;
  /** Longest wait before a retry, also caps Retry-After (default 5000). */
  maxDelayMs?: number;
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
/** Worth retrying: rate limited, or the API (or its proxy) briefly unavailable. */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

export const isIdempotent = (request: Request) => IDEMPOTENT_METHODS.has(request.method) || request.headers.has('idempotency-key');

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function withRetries(send: (request: Request) => Promise<Response>, options: RetryOptions = {}) {
  const retries = options.retries ?? 2;
  const base = options.baseDelayMs ?? 200;
  const max = options.maxDelayMs ?? 5000;
  const backoff = (attempt: number) => Math.min(max, base * 2 ** (attempt - 1) * (0.5 + Math.random() / 2));
  const retryAfter = (response: Response, attempt: number) => {
    const seconds = Number(response.headers.get('retry-after'));
    return Number.isFinite(seconds) && seconds > 0 ? Math.min(max, seconds * 1000) : backoff(attempt);
  };

  return async function sendWithRetries(request: Request): Promise<Response> {
    const attempts = isIdempotent(request) ? 1 + retries : 1;
    for (let attempt = 1; ; attempt++) {
      // Every attempt but the last sends a copy: a body can be read only once.
      const current = attempt < attempts ? request.clone() : request;
      let response: Response;
      try {
        response = await send(current);
      } catch (error) {
        // A network failure (the fetch rejected); an abort by the caller is final.
        if (attempt >= attempts || request.signal?.aborted) throw error;
        await sleep(backoff(attempt));
        continue;
      }
      if (attempt >= attempts || !RETRYABLE_STATUSES.has(response.status)) return response;
      await response.body?.cancel();
      await sleep(retryAfter(response, attempt));
    }
  };
}
