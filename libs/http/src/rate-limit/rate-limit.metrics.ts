import { Counter } from 'prom-client';
import { metricsRegistry } from '@keel/observability';

/**
 * Requests refused by a rate limit, by which limit refused them. A rise in
 * `auth_account` means one account is being guessed at from many IPs;
 * `auth_ip` means one IP is trying many accounts (credential stuffing).
 */
export const rateLimitedRequests = new Counter({
  name: 'keel_rate_limited_requests_total',
  help: 'Requests refused with 429 by a rate limit',
  labelNames: ['limit'] as const,
  registers: [metricsRegistry],
});
