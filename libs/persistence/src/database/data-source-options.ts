import type { DataSourceOptions } from 'typeorm';

export interface DatabaseConnectionSettings {
  url: string;
  /** Shows up in pg_stat_activity: which process holds which connection. */
  applicationName: string;
  poolMax?: number;
  statementTimeoutMs?: number;
}

/**
 * Options shared by the running apps and the TypeORM CLI (`ormconfig.ts`), so
 * both talk to the database the same way.
 */
export function buildDataSourceOptions(
  settings: DatabaseConnectionSettings,
  extra: Pick<DataSourceOptions, 'entities' | 'migrations'> = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    applicationName: settings.applicationName,
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    // Query errors surface as exceptions (and are logged by the error filter when unexpected); don't double-log them.
    logging: ['warn', 'migration'],
    maxQueryExecutionTime: 1000,
    entities: extra.entities ?? [],
    migrations: extra.migrations ?? [],
    extra: {
      max: settings.poolMax ?? 10,
      // Fail fast instead of queueing forever when the database is unreachable or the pool is exhausted.
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: settings.statementTimeoutMs ?? 10_000,
      idle_in_transaction_session_timeout: 60_000,
    },
  } as DataSourceOptions;
}
