import { formatMoney, minorUnitDigits } from './format-money';

describe('formatMoney', () => {
  it.each([
    [{ amount: 1999, currency: 'USD' }, 'USD 19.99'],
    [{ amount: 5, currency: 'EUR' }, 'EUR 0.05'],
    [{ amount: 0, currency: 'GBP' }, 'GBP 0.00'],
    [{ amount: 123456789, currency: 'INR' }, 'INR 1,234,567.89'],
    [{ amount: 1500, currency: 'JPY' }, 'JPY 1,500'],
    [{ amount: 7, currency: 'JPY' }, 'JPY 7'],
    [{ amount: 12345, currency: 'BHD' }, 'BHD 12.345'],
    [{ amount: -250, currency: 'USD' }, 'USD -2.50'],
    [{ amount: 10_000_000_000, currency: 'USD' }, 'USD 100,000,000.00'],
  ])('When %j is formatted, then "%s"', (money, expected) => {
    expect(formatMoney(money)).toBe(expected);
  });

  it('When the currency is zero-decimal or three-decimal, then the digits follow ISO 4217', () => {
    expect(minorUnitDigits('JPY')).toBe(0);
    expect(minorUnitDigits('USD')).toBe(2);
    expect(minorUnitDigits('KWD')).toBe(3);
  });

  it('When the currency code is not a real one, then two decimals rather than a failed email', () => {
    expect(minorUnitDigits('not a currency')).toBe(2);
    expect(formatMoney({ amount: 100, currency: 'XX1' })).toBe('XX1 1.00');
  });
});
