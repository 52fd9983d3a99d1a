import type { FeatureFlagSeed } from '@keel/kernel';

/** Anything that runs SQL: a DataSource or a QueryRunner. */
interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Creates the flags the contexts declare (`ContextDescriptor.featureFlags`)
 * that do not exist yet; run by the migration step after the migrations. A flag
 * that exists keeps its value: an operator's switch-off survives every deploy.
 * Existing rows are not touched, so the table's trigger notifies nobody for them.
 */
export async function seedFeatureFlags(runner: SqlRunner, seeds: readonly FeatureFlagSeed[]): Promise<void> {
  for (const seed of seeds) {
    await runner.query(
      `INSERT INTO platform.feature_flags (key, value, description) VALUES ($1, $2::jsonb, $3) ON CONFLICT (key) DO NOTHING`,
      [seed.key, JSON.stringify(seed.value), seed.description],
    );
  }
}
