import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { keelDataSourceOptions, QUEUE_SCHEMA, runMigrations } from '../../ormconfig';

/** What `migration:generate` would write: the `up` statements, and the `down` ones that undo them. */
export interface SchemaDrift {
  up: string[];
  down: string[];
}

/**
 * Statements TypeORM would generate to make the database match the entities,
 * i.e. exactly what `npm run migration:generate` would put in a new migration.
 * Anything in BullMQ's schema is ignored: BullMQ owns it (ormconfig.ts), no entity
 * describes it, and a statement there would be a TypeORM artefact, not drift.
 */
export async function pendingSchemaDrift(options: DataSourceOptions): Promise<SchemaDrift> {
  const dataSource = await new DataSource({ ...options, synchronize: false, migrationsRun: false }).initialize();
  try {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    const keep = (query: string): boolean => !new RegExp(`"${QUEUE_SCHEMA}"\\.`).test(query);
    return {
      up: sql.upQueries.map((q) => q.query).filter(keep),
      down: sql.downQueries.map((q) => q.query).filter(keep),
    };
  } finally {
    await dataSource.destroy();
  }
}

/** DATABASE_URL's server, or the local one the tests and CI use. */
export function serverUrlFromEnvironment(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function onServer<T>(serverUrl: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Runs `fn` against a throwaway database on `serverUrl`'s server to which every
 * migration has been applied (TypeORM's, then BullMQ's schema, as the deploy does),
 * and drops the database afterwards, whatever happens.
 */
export async function withFreshlyMigratedDatabase<T>(serverUrl: string, fn: (url: string) => Promise<T>): Promise<T> {
  const name = `keel_migration_check_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  try {
    const url = withDatabase(serverUrl, name);
    await runMigrations(url);
    return await fn(url);
  } finally {
    await onServer(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

/**
 * What `migration:generate` would write on a freshly migrated database: empty when
 * the entities describe exactly what the migrations create. `options` builds the
 * DataSource the diff is taken with (by default the real one: every context's entities).
 */
export function checkMigrations(
  serverUrl: string,
  options: (url: string) => DataSourceOptions = (url) => keelDataSourceOptions(url, 'keel-migration-check'),
): Promise<SchemaDrift> {
  return withFreshlyMigratedDatabase(serverUrl, (url) => pendingSchemaDrift(options(url)));
}

async function main(): Promise<number> {
  const drift = await checkMigrations(serverUrlFromEnvironment());
  if (drift.up.length === 0) {
    process.stdout.write('migration:check: the entities match what the migrations create.\n');
    return 0;
  }
  console.error(
    `migration:check: the entities and the migrations disagree; \`npm run migration:generate\` would write ${drift.up.length} statement(s):`,
  );
  for (const statement of drift.up) console.error(`  ${statement};`);
  console.error('Add a migration for an intended change (README "Migrations"), or make the entity describe what the migrations create.');
  return 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(2);
    },
  );
}
