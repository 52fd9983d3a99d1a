import type { MoneyPayload } from '../consumed-events';

/**
 * Minor-unit digits of a currency from the ICU data in Node (USD 2, JPY 0,
 * BHD 3). Unknown codes fall back to 2 rather than failing an email.
 */
export function minorUnitDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * `{ amount: 123456, currency: 'USD' }` → `USD 1,234.56`; `{ amount: 500, currency: 'JPY' }` → `JPY 500`.
 * Integer arithmetic only: minor units never pass through a float.
 */
export function formatMoney(money: MoneyPayload): string {
  const digits = minorUnitDigits(money.currency);
  const negative = money.amount < 0;
  const abs = BigInt(Math.abs(Math.trunc(money.amount)));
  const scale = 10n ** BigInt(digits);
  const whole = (abs / scale).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = digits > 0 ? `.${(abs % scale).toString().padStart(digits, '0')}` : '';
  return `${money.currency} ${negative ? '-' : ''}${whole}${fraction}`;
}
