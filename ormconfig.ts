import 'reflect-metadata';
import { runMigrations as runQueueSchemaMigrations } from 'bullmq';
import { DataSource, DataSourceOptions, Migration } from 'typeorm';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { resolveFileSecrets } from '@keel/kernel/config/load-environment';
import { buildDataSourceOptions } from '@keel/persistence/database/data-source-options';
import { FEATURE_FLAGS_MIGRATIONS, FEATURE_FLAGS_ORM_ENTITIES, seedFeatureFlags } from '@keel/runtime/feature-flags/persistence';
import { PLATFORM_MIGRATIONS, PLATFORM_ORM_ENTITIES } from '@keel/messaging/persistence';
import { QUEUE_SCHEMA } from '@keel/messaging/queue-schema';
import { AUDIT_MIGRATIONS, AUDIT_ORM_ENTITIES } from '@keel/persistence/audit/schema';
import { CONTEXTS } from './contexts';

/**
 * The platform's tables and migrations, then every registered context's
 * (contexts.ts), for the TypeORM CLI (`npm run migration:*`), the launcher and the tests.
 */
export const ORM_ENTITIES = [
  ...PLATFORM_ORM_ENTITIES,
  ...FEATURE_FLAGS_ORM_ENTITIES,
  ...AUDIT_ORM_ENTITIES,
  ...CONTEXTS.flatMap((c) => c.entities),
];
export const MIGRATIONS = [
  ...PLATFORM_MIGRATIONS,
  ...FEATURE_FLAGS_MIGRATIONS,
  ...AUDIT_MIGRATIONS,
  ...CONTEXTS.flatMap((c) => c.migrations),
];
/** The runtime flags the contexts read, created after the migrations when missing. */
export const FEATURE_FLAG_SEEDS = CONTEXTS.flatMap((c) => c.featureFlags ?? []);

export function keelDataSourceOptions(url: string, applicationName = 'keel-migrations'): DataSourceOptions {
  return buildDataSourceOptions(
    { url, applicationName, poolMax: 2, statementTimeoutMs: 0 },
    { entities: ORM_ENTITIES, migrations: MIGRATIONS },
  );
}

/** Schema of BullMQ's PostgreSQL backend: one name, owned by the messaging lib (re-exported for scripts/db). */
export { QUEUE_SCHEMA };

/**
 * The migration step owns every schema change, BullMQ's included: after the
 * TypeORM migrations it brings the `bullmq` schema up to the installed BullMQ's
 * version (a no-op when current), and creates the contexts' feature flags that
 * do not exist yet (FEATURE_FLAG_SEEDS; existing values are kept). The apps then only check that schema and
 * never run DDL, so they can connect as a role without CREATE privileges
 * (scripts/db/create-roles.sql). Subclassing keeps the TypeORM CLI
 * (`migration:run`, the Docker migration job) on the same path as `runMigrations`.
 */
export class KeelDataSource extends DataSource {
  override async runMigrations(options?: Parameters<DataSource['runMigrations']>[0]): Promise<Migration[]> {
    const applied = await super.runMigrations(options);
    await seedFeatureFlags(this, FEATURE_FLAG_SEEDS);
    const runner = this.createQueryRunner() as PostgresQueryRunner;
    try {
      // BullMQ's migrator needs one dedicated session: it takes an advisory lock and runs its own transaction.
      const client = (await runner.connect()) as Parameters<typeof runQueueSchemaMigrations>[0];
      await runQueueSchemaMigrations(client, QUEUE_SCHEMA);
    } finally {
      await runner.release();
    }
    return applied;
  }
}

/** Applies pending migrations (TypeORM, then BullMQ's schema); returns the TypeORM names applied. */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = await new KeelDataSource(keelDataSourceOptions(url)).initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Migrations run as the schema owner when DATABASE_MIGRATION_URL is set (the
 * app's DATABASE_URL role then needs no DDL rights); either may come from a
 * file (`*_FILE`). Resolved on a copy: importing this file changes nothing.
 */
export function migrationUrlFromEnvironment(env: NodeJS.ProcessEnv = process.env): string {
  const resolved = resolveFileSecrets({ ...env });
  return resolved.DATABASE_MIGRATION_URL || resolved.DATABASE_URL || '';
}

export default new KeelDataSource(keelDataSourceOptions(migrationUrlFromEnvironment()));
