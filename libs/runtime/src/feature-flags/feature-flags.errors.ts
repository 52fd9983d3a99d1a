import { NotFoundError, ValidationError } from '@keel/kernel';
import type { FeatureFlagType } from './feature-flag';

export class FeatureFlagNotFoundError extends NotFoundError {
  override readonly code = 'feature-flag-not-found';
  constructor(key: string) {
    super(`There is no feature flag "${key}".`);
  }
}

/** A flag keeps the JSON type it was created with: code reading it asks for that type. */
export class FeatureFlagTypeMismatchError extends ValidationError {
  override readonly code = 'feature-flag-type-mismatch';
  constructor(key: string, expected: FeatureFlagType) {
    super(`Feature flag "${key}" holds a ${expected}.`, [
      { field: 'value', message: `must be a ${expected}, like the flag's current value` },
    ]);
  }
}
