import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { appendFile, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

export interface ReplicaOptions {
  /** Port of the primary on 127.0.0.1 (user postgres, trust auth, replication allowed). */
  primaryPort: number;
  /** Port for the replica on 127.0.0.1. */
  port: number;
}

export interface Replica {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  /** The replica's URL for one database (databases created on the primary stream over). */
  urlFor(database: string): string;
  /** Stops the replica, drops its replication slot on the primary and deletes its files. Safe to call twice. */
  stop(): Promise<void>;
  /** Stops replaying WAL: the replica keeps answering, with older and older data. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Waits until the replica has replayed everything the primary had written when called. */
  waitForReplay(timeoutMs?: number): Promise<void>;
  /** Shuts the server down (fast) without removing it; `startServer` brings it back. */
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
}

function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = readdirSync(root).sort((a, b) => Number(a) - Number(b));
  if (versions.length === 0) throw new Error(`No PostgreSQL binaries under ${root}`);
  return join(root, versions[versions.length - 1], 'bin');
}

const isRoot = () => process.getuid?.() === 0;

/** PostgreSQL refuses to run as root: run its tools as the postgres user then. */
function asPostgres(binary: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
}

async function query<T = Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * A real streaming replica of the primary, on the same machine: pg_basebackup
 * with its own replication slot (unique per call), then a hot standby on
 * `port`. Always call `stop()` (in afterAll): a leftover slot makes the
 * primary keep WAL forever. A process exit without `stop()` still stops the
 * server and drops the slot (synchronously).
 */
export async function startReplica({ primaryPort, port }: ReplicaOptions): Promise<Replica> {
  const bin = postgresBin();
  const slot = `keel_test_replica_${randomBytes(4).toString('hex')}`;
  const primaryUrl = `postgres://postgres@127.0.0.1:${primaryPort}/postgres`;
  const base = await mkdtemp(join(tmpdir(), 'keel-replica-'));
  const dataDir = join(base, 'data');
  const runDir = join(base, 'run');
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const pgCtl = join(bin, 'pg_ctl');

  await mkdir(runDir, { mode: 0o755 });
  await mkdir(dataDir, { mode: 0o700 });
  if (isRoot()) {
    const { uid, gid } = postgresIds();
    for (const dir of [base, runDir, dataDir]) await chown(dir, uid, gid);
  }

  let slotCreated = false;
  let stopped = false;
  const stopServerSync = () => spawnSync(...asPostgres(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop']), { stdio: 'ignore' });
  const onExit = () => {
    if (stopped) return;
    stopServerSync();
    if (slotCreated) {
      spawnSync(join(bin, 'psql'), [primaryUrl, '-c', `select pg_drop_replication_slot('${slot}')`], { stdio: 'ignore' });
    }
  };
  process.once('exit', onExit);

  const dropSlot = async () => {
    if (!slotCreated) return;
    // The primary's walsender lingers briefly after the replica stops; an active slot cannot be dropped.
    const deadline = Date.now() + 15_000;
    for (;;) {
      try {
        await query(primaryUrl, `SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '${slot}'`);
        slotCreated = false;
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await sleep(100);
      }
    }
  };

  const startServer = async () => {
    await run(...asPostgres(pgCtl, ['-D', dataDir, '-l', join(runDir, 'replica.log'), '-w', '-t', '30', 'start']));
  };
  const stopServer = async () => {
    await run(...asPostgres(pgCtl, ['-D', dataDir, '-m', 'fast', '-w', 'stop'])).catch(() => undefined);
  };

  const stop = async () => {
    if (stopped) return;
    try {
      await stopServer();
      await dropSlot();
    } finally {
      stopped = true;
      process.removeListener('exit', onExit);
      await rm(base, { recursive: true, force: true });
    }
  };

  try {
    slotCreated = true; // -C creates it; if pg_basebackup fails half-way, dropping a missing slot is a no-op
    await run(
      ...asPostgres(join(bin, 'pg_basebackup'), [
        '-h',
        '127.0.0.1',
        '-p',
        String(primaryPort),
        '-U',
        'postgres',
        '-D',
        dataDir,
        '-X',
        'stream',
        '-R',
        '-C',
        '-S',
        slot,
        '--checkpoint=fast',
      ]),
    );
    // Debian keeps the primary's configuration in /etc, so the copy has none: write a minimal one.
    const files: Record<string, string> = {
      'postgresql.conf': [
        `port = ${port}`,
        `listen_addresses = '127.0.0.1'`,
        `unix_socket_directories = '${runDir}'`,
        'hot_standby = on',
        // Report replay progress often, so lag shows up quickly on the primary too.
        'wal_receiver_status_interval = 1s',
        // Queries are never cancelled for replay conflicts in tests (a paused replay must keep serving).
        'max_standby_streaming_delay = -1',
        '',
      ].join('\n'),
      'pg_hba.conf': 'local all all trust\nhost all all 127.0.0.1/32 trust\nhost replication all 127.0.0.1/32 trust\n',
      'pg_ident.conf': '',
    };
    for (const [name, content] of Object.entries(files)) {
      await writeFile(join(dataDir, name), content);
      if (isRoot()) await chown(join(dataDir, name), postgresIds().uid, postgresIds().gid);
    }
    await startServer();
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }

  return {
    url,
    urlFor: (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop,
    pauseReplay: async () => void (await query(url, 'SELECT pg_wal_replay_pause()')),
    resumeReplay: async () => void (await query(url, 'SELECT pg_wal_replay_resume()')),
    waitForReplay: async (timeoutMs = 10_000) => {
      const [{ lsn }] = await query<{ lsn: string }>(primaryUrl, 'SELECT pg_current_wal_lsn()::text AS lsn');
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const [{ done }] = await query<{ done: boolean }>(url, `SELECT pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn AS done`);
        if (done) return;
        if (Date.now() > deadline) throw new Error(`Replica did not replay up to ${lsn} within ${timeoutMs} ms`);
        await sleep(20);
      }
    },
    stopServer,
    startServer,
  };
}

export interface Primary {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

/**
 * A throw-away PostgreSQL primary (initdb) that allows streaming replication
 * from 127.0.0.1, for tests that must not depend on the shared server's
 * pg_hba.conf (or make it keep WAL for their slots). fsync is off: test data only.
 */
export async function startPrimary({ port }: { port: number }): Promise<Primary> {
  const bin = postgresBin();
  const base = await mkdtemp(join(tmpdir(), 'keel-primary-'));
  const dataDir = join(base, 'data');
  const runDir = join(base, 'run');
  const pgCtl = join(bin, 'pg_ctl');
  await mkdir(runDir, { mode: 0o755 });
  if (isRoot()) for (const dir of [base, runDir]) await chown(dir, postgresIds().uid, postgresIds().gid);

  let stopped = false;
  const onExit = () => {
    if (!stopped) spawnSync(...asPostgres(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop']), { stdio: 'ignore' });
  };
  process.once('exit', onExit);
  const stop = async () => {
    if (stopped) return;
    try {
      await run(...asPostgres(pgCtl, ['-D', dataDir, '-m', 'fast', '-w', 'stop'])).catch(() => undefined);
    } finally {
      stopped = true;
      process.removeListener('exit', onExit);
      await rm(base, { recursive: true, force: true });
    }
  };

  try {
    await run(...asPostgres(join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']));
    const conf = [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${runDir}'`,
      'wal_level = replica',
      'max_wal_senders = 10',
      'max_replication_slots = 10',
      'fsync = off',
      'synchronous_commit = on',
      '',
    ].join('\n');
    // In postgresql.conf, not postgresql.auto.conf: a base backup copies auto.conf, whose port would win on the replica.
    await appendFile(join(dataDir, 'postgresql.conf'), `\n${conf}`);
    await writeFile(
      join(dataDir, 'pg_hba.conf'),
      'local all all trust\nhost all all 127.0.0.1/32 trust\nhost replication all 127.0.0.1/32 trust\n',
    );
    if (isRoot()) {
      for (const name of ['postgresql.conf', 'pg_hba.conf']) await chown(join(dataDir, name), postgresIds().uid, postgresIds().gid);
    }
    await run(...asPostgres(pgCtl, ['-D', dataDir, '-l', join(runDir, 'primary.log'), '-w', '-t', '30', 'start']));
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    urlFor: (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop,
  };
}

function postgresIds(): { uid: number; gid: number } {
  const out = spawnSync('id', ['postgres'], { encoding: 'utf8' }).stdout;
  const uid = /uid=(\d+)/.exec(out)?.[1];
  const gid = /gid=(\d+)/.exec(out)?.[1];
  if (!uid || !gid) throw new Error('No postgres user on this machine');
  return { uid: Number(uid), gid: Number(gid) };
}
