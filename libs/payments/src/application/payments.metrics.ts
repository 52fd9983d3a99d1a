import { Counter } from 'prom-client';
import { metricsRegistry } from '@keel/observability';
import type { Payment } from '../domain';

/** `keel_payments_total`, in the platform's registry so both processes' /metrics serve it. */
const paymentsTotal = new Counter({
  name: 'keel_payments_total',
  help: 'Payment attempts by provider and final outcome',
  labelNames: ['provider', 'outcome'] as const,
  registers: [metricsRegistry],
});

/**
 * Counts a payment that just settled in `keel_payments_total`
 * (outcome succeeded | failed; refunds are not attempts and are not counted).
 * Call once, after the change.
 */
export function countPayment(payment: Payment): void {
  if (payment.status === 'SUCCEEDED' || payment.status === 'FAILED') {
    paymentsTotal.inc({ provider: payment.provider, outcome: payment.status === 'SUCCEEDED' ? 'succeeded' : 'failed' });
  }
}
