import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { waitFor } from '../../support/processes';

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
 * The test's own redis-server, persisted with AOF as production's queue Redis
 * must be (jobs live there), so it can be stopped and brought back with its data.
 */
export class RedisServer {
  private child?: ChildProcess;
  readonly dir: string;

  constructor(
    baseDir: string,
    readonly port: number,
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
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes'];
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
}
