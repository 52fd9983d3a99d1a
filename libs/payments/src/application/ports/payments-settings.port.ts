export const PAYMENTS_SETTINGS = Symbol('PAYMENTS_SETTINGS');

/** The payments settings use cases read (built from PaymentsEnvironment in payments.module.ts). */
export interface PaymentsSettings {
  /** PAYMENTS_ENABLED. When false, payment requests are acknowledged without charging, webhooks are refused and reconciliation does not run. */
  enabled: boolean;
}
