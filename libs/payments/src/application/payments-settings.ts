export const PAYMENTS_SETTINGS = Symbol('PAYMENTS_SETTINGS');

export interface PaymentsSettings {
  /** PAYMENTS_ENABLED. When false, payment requests are acknowledged without charging, webhooks are refused and reconciliation does not run. */
  enabled: boolean;
}

/** Transient provider failures of one order's charge before the payment is given up as failed (that attempt records it). */
export const CHARGE_ATTEMPTS = 5;
