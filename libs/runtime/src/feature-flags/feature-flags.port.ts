/** Attributes an evaluation may depend on (OpenFeature evaluation context); flat and serialisable. */
export type FeatureFlagContext = Record<string, string | number | boolean>;

/**
 * The port application code uses to ask for a runtime switch. It is backed by
 * OpenFeature (`OpenFeatureFeatureFlags`), but callers depend on this class
 * only, so a use case never imports the SDK and a test can pass a stub.
 *
 * Evaluations never throw and never touch the database: an unknown flag, a
 * flag of another type or a flag store that could not be read all yield
 * `defaultValue`.
 */
export abstract class FeatureFlags {
  abstract isEnabled(key: string, defaultValue: boolean, context?: FeatureFlagContext): Promise<boolean>;
}
