import type { PaymentsSettings } from '../application';

/** PaymentsSettings as a plain value (payments on unless a test switches them off). */
export const paymentsSettings = (enabled = true): PaymentsSettings => ({ enabled });
