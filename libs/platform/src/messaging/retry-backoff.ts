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

export function retryDelayMs(attemptsMade: number): number {
  const ceiling = Math.min(MAX_MS, BASE_MS * 2 ** Math.max(0, attemptsMade - 1));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}
