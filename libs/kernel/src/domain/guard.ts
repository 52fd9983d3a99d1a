import { InvariantViolationError } from './domain-error';

/** Tiny assertion helper for invariants inside aggregates and value objects. */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InvariantViolationError(message);
}
