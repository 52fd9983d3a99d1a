import { ValidationError } from './domain-error';

/** ISO 4217 codes accepted for prices. Extend as the shop sells in more currencies. */
export const CURRENCIES = ['USD', 'EUR', 'GBP', 'INR', 'JPY', 'AUD', 'CAD', 'CHF', 'SEK', 'SGD'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** Upper bound of any single amount (minor units): keeps sums far below Number.MAX_SAFE_INTEGER. */
export const MAX_MINOR_UNITS = 10_000_000_000;

/**
 * An amount of money in integer minor units (cents, paise…) and a currency.
 * Never a float: arithmetic stays exact. Immutable.
 */
export class Money {
  private constructor(
    readonly amount: number,
    readonly currency: Currency,
  ) {}

  static of(amount: number, currency: string, field = 'price'): Money {
    if (!Number.isSafeInteger(amount) || amount < 0 || amount > MAX_MINOR_UNITS) {
      throw new ValidationError('Invalid amount.', [
        { field: `${field}.amount`, message: `must be an integer between 0 and ${MAX_MINOR_UNITS}` },
      ]);
    }
    if (!CURRENCIES.includes(currency as Currency)) {
      throw new ValidationError('Unsupported currency.', [
        { field: `${field}.currency`, message: `must be one of ${CURRENCIES.join(', ')}` },
      ]);
    }
    return new Money(amount, currency as Currency);
  }

  static zero(currency: Currency): Money {
    return new Money(0, currency);
  }

  add(other: Money): Money {
    this.assertSameCurrency(other);
    return Money.of(this.amount + other.amount, this.currency);
  }

  multiply(quantity: number): Money {
    if (!Number.isSafeInteger(quantity) || quantity < 0) throw new ValidationError('Invalid quantity.');
    return Money.of(this.amount * quantity, this.currency);
  }

  equals(other: Money): boolean {
    return this.amount === other.amount && this.currency === other.currency;
  }

  toJSON(): { amount: number; currency: Currency } {
    return { amount: this.amount, currency: this.currency };
  }

  private assertSameCurrency(other: Money): void {
    if (other.currency !== this.currency) {
      throw new ValidationError('Currencies differ.', [
        { field: 'currency', message: `cannot combine ${this.currency} with ${other.currency}` },
      ]);
    }
  }
}
