import { Counter } from 'prom-client';
import { metricsRegistry } from '@keel/observability';

/** Well-formed login attempts (and password changes) with a wrong password or an unknown email. */
export const loginFailures = new Counter({
  name: 'keel_login_failures_total',
  help: 'Login attempts (and password changes) refused for a wrong password or an unknown email',
  registers: [metricsRegistry],
});

/**
 * Attempts refused by a running lock, by what was locked: `client` (this client
 * on this account) or `account` (every client that never logged into the
 * account, during a flood of failures from many clients).
 */
export const loginThrottled = new Counter({
  name: 'keel_login_throttled_total',
  help: 'Login attempts refused with 429 because a lockout was running',
  labelNames: ['scope'] as const,
  registers: [metricsRegistry],
});

/** Account-wide locks started by failures from many clients: one account under a distributed guessing attack. */
export const loginAccountFloods = new Counter({
  name: 'keel_login_account_floods_total',
  help: 'Account-wide slow-downs started because clients that never logged into the account kept failing',
  registers: [metricsRegistry],
});
