/** A flag's value: JSON. The type of the value a flag was created with is its type for life (see the admin endpoint). */
export type FeatureFlagValue = boolean | string | number | { [key: string]: unknown } | unknown[];

export type FeatureFlagType = 'boolean' | 'string' | 'number' | 'object';

/** One row of `platform.feature_flags`. */
export interface FeatureFlagRecord {
  key: string;
  value: FeatureFlagValue;
  description: string;
  updatedAt: Date;
  /** Id of the admin who last changed it; null for the value seeded by a migration. */
  updatedBy: string | null;
}

/** Dotted, lowercase keys such as `checkout.express.enabled`: bounded so a path parameter cannot be abused. */
export const FEATURE_FLAG_KEY_PATTERN = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
export const FEATURE_FLAG_KEY_MAX_LENGTH = 100;

/** Upper bound for a stored value (serialized JSON), so a flag stays configuration and not data. */
export const FEATURE_FLAG_VALUE_MAX_BYTES = 4096;

/** PostgreSQL channel the table's trigger notifies on every change (payload: the key). */
export const FEATURE_FLAGS_CHANNEL = 'keel_feature_flags';

export function featureFlagTypeOf(value: unknown): FeatureFlagType | undefined {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return Number.isFinite(value) ? 'number' : undefined;
  if (value !== null && typeof value === 'object') return 'object';
  return undefined;
}
