export const PAYMENTS_SETTINGS = Symbol('PAYMENTS_SETTINGS');

export interface PaymentsSettings {
  /** PAYMENTS_ENABLED. When false, payment requests are acknowledged without charging, webhooks are refused and reconciliation does not run. */
  enabled: boolean;
}

/** Jobs of the charge consumer before the payment is given up as failed (the last one records the failure). */
export const CHARGE_ATTEMPTS = 5;
