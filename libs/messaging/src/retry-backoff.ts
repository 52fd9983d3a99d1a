/**
 * Retry schedule of every consumer job: exponential from 1 s, capped at 60 s,
 * with equal jitter (half fixed, half random) so retries of many jobs spread
 * out. With the default 15 attempts a job keeps trying for about 8–12 minutes,
 * enough to ride out a database failover or a Redis restart before it is
 * dead-lettered.
 */
export const RETRY_BACKOFF_TYPE = 'keel-capped-exponential';
export const DEFAULT_JOB_ATTEMPTS = 15;
const BASE_MS = 1_000;
const MAX_MS = 60_000;

/**
 * The delay before a job's next attempt: the schedule above, or longer when the
 * error says when retrying makes sense (`retryAfterMs`: a provider's 429
 * Retry-After, an open circuit breaker's time until its trial call), capped at
 * the schedule's maximum.
 */
export function retryDelayAfter(attemptsMade: number, error?: unknown): number {
  const hinted = (error as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  const floor = typeof hinted === 'number' && Number.isFinite(hinted) ? Math.min(MAX_MS, Math.max(0, hinted) + 100) : 0;
  return Math.max(floor, retryDelayMs(attemptsMade));
}

export function retryDelayMs(attemptsMade: number): number {
  const ceiling = Math.min(MAX_MS, BASE_MS * 2 ** Math.max(0, attemptsMade - 1));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}
