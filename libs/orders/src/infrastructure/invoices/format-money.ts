/** Minor-unit digits of a currency from Node's ICU data (USD 2, JPY 0, BHD 3); unknown codes: 2. */
function minorUnitDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** `(123456, 'USD')` → `USD 1,234.56`; `(500, 'JPY')` → `JPY 500`. Integer arithmetic: minor units never pass through a float. */
export function formatMoney(amount: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  const abs = BigInt(Math.abs(Math.trunc(amount)));
  const scale = 10n ** BigInt(digits);
  const whole = (abs / scale).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = digits > 0 ? `.${(abs % scale).toString().padStart(digits, '0')}` : '';
  return `${currency} ${amount < 0 ? '-' : ''}${whole}${fraction}`;
}
