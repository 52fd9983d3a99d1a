import type { FeatureFlags } from '@keel/runtime';
import { type PaymentProvider, PaymentProviderUnavailableError } from '../../../domain';

/** The runtime switch of a provider (`platform.feature_flags`), seeded by the payments context (its descriptor's featureFlags). */
export const paymentProviderFlag = (provider: PaymentProvider) => `payments.${provider}.enabled`;

/**
 * Rejects a new order whose payment provider an operator has switched off.
 *
 * Why orders reads the flag itself, through the platform's FeatureFlags port,
 * instead of asking payments through a query in `@keel/payments/contracts`:
 * the switch is an operational setting held by the platform, not payments'
 * data, and the question is only "may a new order choose this provider?",
 * which is the orders context's decision at checkout. Reading it is an
 * in-memory lookup, so placing an order gains no call into another context.
 * The key convention is shared with payments through the seeded flag names.
 *
 * Defaults to enabled: a missing flag, or flags that could not be loaded yet,
 * must not stop every sale; the flag is a kill switch, not a permission.
 * Orders accepted before a switch-off keep going: payments still charges them.
 */
export async function assertPaymentProviderEnabled(flags: FeatureFlags, provider: PaymentProvider): Promise<void> {
  const enabled = await flags.isEnabled(paymentProviderFlag(provider), true);
  if (!enabled) throw new PaymentProviderUnavailableError(provider);
}
