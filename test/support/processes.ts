import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const ROOT = join(__dirname, '../..');

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

export interface RunningProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface RunNodeOptions {
  args?: string[];
  /** The checkout whose dist/ holds the entry (default: this one). */
  root?: string;
  /** Its own process group, as a terminal gives a foreground job (signal it with process.kill(-pid, ...)). */
  detached?: boolean;
}

/** Runs a built entry point (dist/...) with exactly the given environment. */
export function runNode(entry: string, env: Record<string, string>, options: RunNodeOptions = {}): RunningProcess {
  const root = options.root ?? ROOT;
  // Exactly as `npm run start:api` / `start:worker` run them: tracing preloaded.
  const preload = join(root, 'dist/libs/observability/src/tracing/register.js');
  const child = spawn(process.execPath, ['--require', preload, join(root, entry), ...(options.args ?? [])], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached,
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal })),
  );
  return { child, output: () => out, exited };
}

export async function waitFor(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    await sleep(50);
  }
  throw new Error(`Timed out waiting for ${what}`);
}

export async function statusOf(url: string): Promise<number> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
  await res.arrayBuffer();
  return res.status;
}
