import { ValidationError } from '@keel/kernel/domain';

// Pragmatic check: one @, no spaces, a dot in the domain. Deliverability is proven by email, not regex.
const SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An email address, normalised (trimmed, lower-cased) so uniqueness is case-insensitive. */
export class Email {
  private constructor(readonly value: string) {}

  static create(raw: string): Email {
    const value = raw.trim().toLowerCase();
    if (value.length > 254 || !SHAPE.test(value)) {
      throw new ValidationError('Invalid email address.', [{ field: 'email', message: 'must be an email address' }]);
    }
    return new Email(value);
  }

  equals(other: Email): boolean {
    return other.value === this.value;
  }

  toString(): string {
    return this.value;
  }
}
