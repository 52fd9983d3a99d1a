import { runMigrations } from '../../../ormconfig';

/**
 * `npm run dev` runs this in a fresh process when a rebuilt file is a
 * migration (or ormconfig): the launcher's own copy of the migration list was
 * loaded at boot and does not see new ones.
 */
runMigrations(process.env.KEEL_MIGRATION_URL as string).then(
  (applied) => {
    process.stdout.write(`[keel] ${applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date'}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`[keel] migrations failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
