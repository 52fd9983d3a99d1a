import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { serverUrlFromEnvironment, withFreshlyMigratedDatabase } from './migration-check';

const USAGE = `usage: npm run migration:generate -- <Name>
       npm run migration:generate -- libs/<context>/src/infrastructure/persistence/migrations/<Name>`;

/** `AddGiftNote` -> `add-gift-note`, the house file name (`<timestamp>-<kebab-name>.ts`). */
export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
}

/**
 * `npm run migration:generate -- <Name>`: writes a migration with what the entities
 * describe and the migrations do not create yet, i.e. exactly what the developer
 * changed. The diff is taken against a throwaway database migrated from scratch
 * (the same as `migration:check`), never against a local database whose state
 * (unapplied or foreign migrations) would leak into the file. TypeORM's own
 * generator writes it (`--pretty`); it is then renamed to the house file name and formatted.
 */
function main(): Promise<number> | number {
  const target = process.argv[2];
  if (!target || target.startsWith('-') || process.argv.length > 3) {
    console.error(USAGE);
    return 2;
  }
  // A bare name lands in the repository root, to be moved into the owning context (README "Migrations").
  const directory = resolve(dirname(target));
  const name = basename(target);
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
    console.error(`The migration name must be PascalCase letters and digits (it becomes the class name): ${name}\n${USAGE}`);
    return 2;
  }
  if (!existsSync(directory)) {
    console.error(`No such directory: ${directory}`);
    return 2;
  }
  const before = new Set(readdirSync(directory));
  return withFreshlyMigratedDatabase(serverUrlFromEnvironment(), async (url) => {
    const cli = join(process.cwd(), 'node_modules', 'typeorm', 'cli.js');
    const result = spawnSync(
      process.execPath,
      [cli, '-d', 'dist/ormconfig.js', 'migration:generate', '--pretty', join(directory, name)],
      // ormconfig.ts reads the migration URL first; the app's DATABASE_URL would otherwise not be overridden.
      { stdio: 'inherit', env: { ...process.env, DATABASE_MIGRATION_URL: url, DATABASE_MIGRATION_URL_FILE: '' } },
    );
    if (result.status !== 0) return result.status ?? 1;
    const written = readdirSync(directory).find((file) => !before.has(file) && file.endsWith(`-${name}.ts`));
    if (!written) return 0;
    const renamed = written.replace(`-${name}.ts`, `-${kebabCase(name)}.ts`);
    renameSync(join(directory, written), join(directory, renamed));
    const prettier = join(process.cwd(), 'node_modules', 'prettier', 'bin', 'prettier.cjs');
    spawnSync(process.execPath, [prettier, '--write', '--log-level', 'warn', join(directory, renamed)], { stdio: 'inherit' });
    process.stdout.write(
      `Wrote ${join(directory, renamed)}. Review it, keep it in (or move it to) the owning context's ` +
        `infrastructure/persistence/migrations/, and add its class to that context's migrations list.\n`,
    );
    return 0;
  });
}

if (require.main === module) {
  Promise.resolve(main()).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(2);
    },
  );
}
