import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, DataSourceOptions, type EntityMetadata } from 'typeorm';
import { keelDataSourceOptions, QUEUE_SCHEMA, runMigrations } from '../../ormconfig';

/**
 * How the ORM entities and the migrations disagree.
 * - `up` / `down`: what `npm run migration:generate` would write (and its undo).
 * - `definitions`: differences TypeORM's diff does not see, because it compares
 *   checks, unique constraints and foreign keys by name only and ignores an index's
 *   `WHERE`: each object, as the migrations create it (`migrations:`) or as the
 *   entities would (`entities:`), with its definition.
 * - `tablesWithoutEntity`: tables the migrations create that no entity describes,
 *   so neither comparison can see them.
 */
export interface SchemaDrift {
  up: string[];
  down: string[];
  definitions: string[];
  tablesWithoutEntity: string[];
}

/** Schemas that are not the entities' business: BullMQ's own (ormconfig.ts) and the migrations table's. */
const IGNORED_SCHEMAS = [QUEUE_SCHEMA, 'public', 'pg_catalog', 'information_schema'];

/**
 * Statements TypeORM would generate to make the database match the entities,
 * i.e. exactly what `npm run migration:generate` would put in a new migration.
 * Anything in BullMQ's schema is ignored: BullMQ owns it, no entity describes it,
 * and a statement there would be a TypeORM artefact, not drift.
 */
export async function pendingSchemaDrift(options: DataSourceOptions): Promise<Pick<SchemaDrift, 'up' | 'down'>> {
  const dataSource = await new DataSource({ ...options, synchronize: false, migrationsRun: false }).initialize();
  try {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    const keep = (query: string): boolean => !query.includes(`"${QUEUE_SCHEMA}".`);
    return {
      up: sql.upQueries.map((q) => q.query).filter(keep),
      down: sql.downQueries.map((q) => q.query).filter(keep),
    };
  } finally {
    await dataSource.destroy();
  }
}

/** One line per column, constraint and index of the given tables, with its definition as PostgreSQL prints it. */
async function schemaObjects(url: string, tables: string[]): Promise<Map<string, { line: string; expression: boolean }>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ tbl: string; kind: string; name: string; def: string; expression: boolean }>(
      `WITH t AS (
         SELECT c.oid, n.nspname || '.' || c.relname AS tbl
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE c.relkind IN ('r', 'p') AND n.nspname || '.' || c.relname = ANY($1))
       SELECT t.tbl, 'column' AS kind, a.attname AS name, false AS expression,
              format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
                || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') AS def
         FROM t JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
         LEFT JOIN pg_attrdef d ON d.adrelid = t.oid AND d.adnum = a.attnum
       UNION ALL
       SELECT t.tbl, 'constraint', con.conname, false, pg_get_constraintdef(con.oid)
         FROM t JOIN pg_constraint con ON con.conrelid = t.oid
       UNION ALL
       SELECT t.tbl, 'index', ic.relname, i.indexprs IS NOT NULL, pg_get_indexdef(i.indexrelid)
         FROM t JOIN pg_index i ON i.indrelid = t.oid JOIN pg_class ic ON ic.oid = i.indexrelid
        WHERE NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid)`,
      [tables],
    );
    return new Map(
      rows.map((r) => [`${r.tbl} ${r.kind} ${r.name}`, { line: `${r.tbl}: ${r.kind} ${r.name} ${r.def}`, expression: r.expression }]),
    );
  } finally {
    await client.end();
  }
}

const tablePath = (metadata: EntityMetadata): string => `${metadata.schema ?? 'public'}.${metadata.tableName}`;

/**
 * Compares the tables the migrations created (`migratedUrl`) with the same tables
 * created by TypeORM from the entities alone in the empty database `emptyUrl`
 * (which `options` must point at).
 * Not compared: what an entity declares by name only with `synchronize: false`
 * (TypeORM's escape hatch for indexes it cannot express) and expression indexes
 * (TypeORM cannot declare or read them); their migration is their definition.
 */
export async function undescribedDefinitions(
  options: DataSourceOptions,
  migratedUrl: string,
  emptyUrl: string,
): Promise<Pick<SchemaDrift, 'definitions' | 'tablesWithoutEntity'>> {
  const dataSource = await new DataSource({ ...options, synchronize: false, migrationsRun: false }).initialize();
  let tables: string[];
  const unsynchronized = new Set<string>();
  try {
    const metadatas = dataSource.entityMetadatas.filter((m) => m.tableType === 'regular');
    tables = metadatas.map(tablePath);
    for (const m of metadatas)
      for (const index of m.indices) if (!index.synchronize) unsynchronized.add(`${tablePath(m)} index ${index.name}`);
    for (const schema of new Set(metadatas.map((m) => m.schema).filter((s): s is string => !!s))) {
      await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    }
    await dataSource.synchronize();
  } finally {
    await dataSource.destroy();
  }

  const [migrated, described] = await Promise.all([schemaObjects(migratedUrl, tables), schemaObjects(emptyUrl, tables)]);
  const definitions: string[] = [];
  for (const [key, object] of migrated) {
    if (described.get(key)?.line === object.line || unsynchronized.has(key) || object.expression) continue;
    definitions.push(`migrations: ${object.line}`);
  }
  for (const [key, object] of described) if (migrated.get(key)?.line !== object.line) definitions.push(`entities:   ${object.line}`);

  const client = new Client({ connectionString: migratedUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ tbl: string }>(
      `SELECT schemaname || '.' || tablename AS tbl FROM pg_tables
        WHERE schemaname <> ALL($1) AND NOT (schemaname || '.' || tablename = ANY($2)) ORDER BY 1`,
      [IGNORED_SCHEMAS, tables],
    );
    return { definitions: definitions.sort(), tablesWithoutEntity: rows.map((r) => r.tbl) };
  } finally {
    await client.end();
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

/** Runs `fn` against a throwaway database on `serverUrl`'s server, dropped afterwards whatever happens. */
async function withScratchDatabase<T>(serverUrl: string, fn: (url: string) => Promise<T>): Promise<T> {
  const name = `keel_migration_check_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  try {
    return await fn(withDatabase(serverUrl, name));
  } finally {
    await onServer(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

/**
 * Runs `fn` against a throwaway database to which every migration has been applied
 * (TypeORM's, then BullMQ's schema, as the deploy does).
 */
export function withFreshlyMigratedDatabase<T>(serverUrl: string, fn: (url: string) => Promise<T>): Promise<T> {
  return withScratchDatabase(serverUrl, async (url) => {
    await runMigrations(url);
    return fn(url);
  });
}

/**
 * Everything in which the entities and the migrations disagree, on a freshly
 * migrated throwaway database: empty when the entities describe exactly what the
 * migrations create. `options` builds the DataSource the entities are read from
 * (by default the real one: every context's entities).
 */
export function checkMigrations(
  serverUrl: string,
  options: (url: string) => DataSourceOptions = (url) => keelDataSourceOptions(url, 'keel-migration-check'),
): Promise<SchemaDrift> {
  return withFreshlyMigratedDatabase(serverUrl, async (migratedUrl) => {
    const generated = await pendingSchemaDrift(options(migratedUrl));
    const compared = await withScratchDatabase(serverUrl, (emptyUrl) => undescribedDefinitions(options(emptyUrl), migratedUrl, emptyUrl));
    return { ...generated, ...compared };
  });
}

/** The report `npm run migration:check` prints; null when there is nothing to report. */
export function describeDrift(drift: SchemaDrift): string | null {
  const parts: string[] = [];
  if (drift.up.length > 0) {
    parts.push(
      `\`npm run migration:generate\` would write ${drift.up.length} statement(s):`,
      ...drift.up.map((statement) => `  ${statement};`),
    );
  }
  if (drift.definitions.length > 0) {
    parts.push(
      'Defined differently by the migrations and by the entities (TypeORM compares these by name only, so migration:generate misses them):',
      ...drift.definitions.map((line) => `  ${line}`),
    );
  }
  if (drift.tablesWithoutEntity.length > 0) {
    parts.push('Tables the migrations create that no ORM entity describes:', ...drift.tablesWithoutEntity.map((t) => `  ${t}`));
  }
  if (parts.length === 0) return null;
  return [
    'migration:check: the ORM entities do not describe what the migrations create.',
    ...parts,
    'Add a migration for an intended change (README "Migrations"), or make the entity describe what the migrations create.',
  ].join('\n');
}

async function main(): Promise<number> {
  const report = describeDrift(await checkMigrations(serverUrlFromEnvironment()));
  if (report === null) {
    process.stdout.write('migration:check: the entities match what the migrations create.\n');
    return 0;
  }
  console.error(report);
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
