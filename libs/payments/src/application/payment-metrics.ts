import { paymentsTotal } from '@keel/platform';
import type { Payment } from '../domain';

/**
 * Counts a payment that just settled in the platform's `keel_payments_total`
 * (outcome succeeded | failed; refunds are not attempts and are not counted).
 * Call once, after the change.
 */
export function countPayment(payment: Payment): void {
  if (payment.status === 'SUCCEEDED' || payment.status === 'FAILED') {
    paymentsTotal.inc({ provider: payment.provider, outcome: payment.status === 'SUCCEEDED' ? 'succeeded' : 'failed' });
  }
}
