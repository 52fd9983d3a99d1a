import 'reflect-metadata';
import { DataSource, DataSourceOptions } from 'typeorm';
import { CATALOG_MIGRATIONS, CATALOG_ORM_ENTITIES } from '@keel/catalog';
import { IDENTITY_MIGRATIONS, IDENTITY_ORM_ENTITIES } from '@keel/identity';
import { INVENTORY_MIGRATIONS, INVENTORY_ORM_ENTITIES } from '@keel/inventory';
import { NOTIFICATIONS_MIGRATIONS, NOTIFICATIONS_ORM_ENTITIES } from '@keel/notifications';
import { ORDERS_MIGRATIONS, ORDERS_ORM_ENTITIES } from '@keel/orders';
import { PAYMENTS_MIGRATIONS, PAYMENTS_ORM_ENTITIES } from '@keel/payments';
import { buildDataSourceOptions } from '@keel/platform/database/data-source-options';
import { FEATURE_FLAGS_MIGRATIONS, FEATURE_FLAGS_ORM_ENTITIES } from '@keel/platform/feature-flags/persistence';
import { PLATFORM_MIGRATIONS, PLATFORM_ORM_ENTITIES } from '@keel/platform/messaging/persistence';

/**
 * Every context's tables and migrations, for the TypeORM CLI
 * (`npm run migration:*`), the launcher and the tests. Add a new context's
 * lists here.
 */
export const ORM_ENTITIES = [
  ...PLATFORM_ORM_ENTITIES,
  ...FEATURE_FLAGS_ORM_ENTITIES,
  ...IDENTITY_ORM_ENTITIES,
  ...CATALOG_ORM_ENTITIES,
  ...INVENTORY_ORM_ENTITIES,
  ...ORDERS_ORM_ENTITIES,
  ...NOTIFICATIONS_ORM_ENTITIES,
  ...PAYMENTS_ORM_ENTITIES,
];
export const MIGRATIONS = [
  ...PLATFORM_MIGRATIONS,
  ...FEATURE_FLAGS_MIGRATIONS,
  ...IDENTITY_MIGRATIONS,
  ...CATALOG_MIGRATIONS,
  ...INVENTORY_MIGRATIONS,
  ...ORDERS_MIGRATIONS,
  ...NOTIFICATIONS_MIGRATIONS,
  ...PAYMENTS_MIGRATIONS,
];

export function keelDataSourceOptions(url: string, applicationName = 'keel-migrations'): DataSourceOptions {
  return buildDataSourceOptions(
    { url, applicationName, poolMax: 2, statementTimeoutMs: 0 },
    { entities: ORM_ENTITIES, migrations: MIGRATIONS },
  );
}

/** Applies pending migrations; returns the names applied. */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = await new DataSource(keelDataSourceOptions(url)).initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

// Migrations run with the owner role when one is configured (least privilege for the app role).
const url = process.env.DATABASE_MIGRATION_URL ?? process.env.DATABASE_URL ?? '';
export default new DataSource(keelDataSourceOptions(url));
