import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, appendFileSync, readdirSync, writeFileSync, readFileSync, chownSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

/** The newest PostgreSQL server binaries installed from the distribution (e.g. /usr/lib/postgresql/15/bin). */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(a) - Number(b))
    : [];
  if (versions.length === 0) throw new Error(`No PostgreSQL server binaries under ${root} (apt-get install postgresql)`);
  return join(root, versions[versions.length - 1], 'bin');
}

const asRoot = process.getuid?.() === 0;
const pgUser = () => {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('Running as root needs a `postgres` OS user (PostgreSQL refuses to run as root)');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
};

/** PostgreSQL refuses to run as root: then every server command runs as the `postgres` user. */
function command(bin: string, args: string[]): [string, string[]] {
  return asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

function ownedDir(path: string, mode: number): string {
  mkdirSync(path, { recursive: true, mode });
  if (asRoot) {
    const { uid, gid } = pgUser();
    chownSync(path, uid, gid);
  }
  return path;
}

function ownedFile(path: string, content: string): void {
  writeFileSync(path, content);
  if (asRoot) {
    const { uid, gid } = pgUser();
    chownSync(path, uid, gid);
  }
}

/**
 * One PostgreSQL server owned by the test (its own data dir and port), so it can
 * be stopped and started without touching the shared server at 5432.
 */
export class PostgresServer {
  private readonly bin = postgresBinDir();
  readonly dataDir: string;
  readonly runDir: string;
  private running = false;

  constructor(
    readonly name: string,
    baseDir: string,
    readonly port: number,
  ) {
    this.dataDir = join(baseDir, name, 'data');
    this.runDir = join(baseDir, name, 'run');
  }

  get logFile(): string {
    return join(this.runDir, 'postgres.log');
  }

  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** A primary: initdb, streaming replication allowed from loopback. */
  async initPrimary(): Promise<void> {
    ownedDir(join(this.dataDir, '..'), 0o755);
    ownedDir(this.runDir, 0o755);
    ownedDir(this.dataDir, 0o700);
    await this.exec('initdb', ['-D', this.dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
    appendFileSync(
      join(this.dataDir, 'postgresql.conf'),
      [
        '',
        '# keel system tests',
        "listen_addresses = '127.0.0.1'",
        'wal_level = replica',
        'max_wal_senders = 5',
        'max_replication_slots = 5',
        'max_connections = 200',
        'hot_standby = on',
        // A throw-away server: durability is not under test, the shared 2-core machine's disk is.
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        '',
      ].join('\n'),
    );
    ownedFile(
      join(this.dataDir, 'pg_hba.conf'),
      'local all all trust\nhost all all 127.0.0.1/32 trust\nlocal replication all trust\nhost replication all 127.0.0.1/32 trust\n',
    );
  }

  /**
   * A streaming replica of `primary` (pg_basebackup with its own replication slot,
   * so the primary keeps the WAL the replica still needs while it is stopped).
   */
  async initReplica(primary: PostgresServer, slot: string): Promise<void> {
    ownedDir(join(this.dataDir, '..'), 0o755);
    ownedDir(this.runDir, 0o755);
    ownedDir(this.dataDir, 0o700);
    await this.exec('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primary.port),
      '-U',
      'postgres',
      '-D',
      this.dataDir,
      '-X',
      'stream',
      '-R',
      '-C',
      '-S',
      slot,
      '--checkpoint=fast',
    ]);
  }

  async start(): Promise<void> {
    // Port and socket dir are per server (a replica's copied config names the primary's).
    await this.exec('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      this.logFile,
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${this.port} -k ${this.runDir}`,
      'start',
    ]);
    this.running = true;
  }

  /** Fast shutdown: sessions are terminated, as when an operator or a failover stops the primary. */
  async stop(): Promise<void> {
    if (!this.running) return;
    await this.exec('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
    this.running = false;
  }

  /** For process exit handlers: synchronous, immediate. */
  stopNow(): void {
    if (!this.running) return;
    this.running = false;
    const [cmd, args] = command(join(this.bin, 'pg_ctl'), ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']);
    try {
      execFileSync(cmd, args, { stdio: 'ignore' });
    } catch {
      // already gone
    }
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = [], database = 'keel'): Promise<T[]> {
    const client = new Client({ connectionString: this.url(database), connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  private async exec(tool: string, args: string[]): Promise<void> {
    const [cmd, argv] = command(join(this.bin, tool), args);
    try {
      await run(cmd, argv, { cwd: '/', timeout: 120_000 });
    } catch (error) {
      const log = existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8').slice(-2000) : '';
      const e = error as { stderr?: string; message: string };
      throw new Error(`${tool} failed for ${this.name}: ${e.stderr ?? e.message}\n${log}`);
    }
  }
}
