import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { waitFor } from './processes';

/** Resolves once something accepts TCP connections on the port. */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.end();
      ok(true);
    });
    socket.on('error', () => ok(false));
  });
}

/**
 * A test's own redis-server, for tests that stop Redis (the shared one is never
 * touched). Persisted with AOF by default, as production's queue Redis must be
 * (jobs live there), so it comes back with its data; `appendonly: false` for a
 * Redis that comes back empty.
 */
export class RedisServer {
  private child?: ChildProcess;
  readonly dir: string;

  constructor(
    baseDir: string,
    readonly port: number,
    private readonly options: { appendonly?: boolean } = {},
  ) {
    this.dir = join(baseDir, 'redis');
    mkdirSync(this.dir, { recursive: true });
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    const aof = this.options.appendonly ?? true;
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', aof ? 'yes' : 'no'];
    args.push('--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction', '--dir', this.dir, '--logfile', 'redis.log');
    const child = spawn('redis-server', args, { stdio: 'ignore' });
    this.child = child;
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`redis-server exited ${child.exitCode} (see ${this.dir}/redis.log)`);
        return portOpen(this.port);
      },
      'redis-server up',
      15_000,
    );
  }

  /** SIGTERM: redis flushes its AOF and exits, as on a clean restart or an orchestrated stop. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  }

  stopNow(): void {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  /** SIGKILL and wait for the exit: a crash, nothing flushed. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGKILL');
    });
  }
}
