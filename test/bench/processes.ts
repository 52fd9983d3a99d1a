import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The repository root, from test/bench (ts-node, jest) or dist/test/bench (the built harness). */
export const ROOT = resolve(__dirname, existsSync(join(__dirname, '../../package.json')) ? '../..' : '../../..');

/**
 * Server and load generator on different cores when there are two or more:
 * on a shared 2-core machine that is what keeps the generator from stealing
 * the server's CPU (and the baselines get exactly the same treatment).
 */
/** The machine's cores, read at load: once pinHarness() has run, this process sees only its own core. */
export const MACHINE_CORES = availableParallelism();
const canPin = MACHINE_CORES >= 2 && hasTaskset();
export const SERVER_CORE = '0';
export const LOAD_CORE = '1';

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The harness itself (and so the OTLP receiver in it) shares the load generator's core:
 * swallowing spans must not take CPU from the server, as a collector on another
 * machine would not. Every child is pinned on its own by taskset, so this inherits nowhere.
 */
export function pinHarness(): void {
  if (canPin) execFileSync('taskset', ['-a', '-p', '-c', LOAD_CORE, String(process.pid)], { stdio: 'ignore' });
}

export function pinningNote(): string {
  return canPin
    ? `server on core ${SERVER_CORE}, load generator and harness (OTLP receiver) on core ${LOAD_CORE}`
    : 'no CPU pinning (one core or no taskset)';
}

export interface BenchProcess {
  name: string;
  child: ChildProcess;
  output(): string;
  /** Resident set size in MB, from /proc (same pid: taskset execs node). */
  rssMb(): number;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function spawnNode(
  name: string,
  args: string[],
  env: Record<string, string>,
  core: string,
  options: { keepOutput?: boolean; processGroup?: boolean; logFile?: string } = {},
): BenchProcess {
  const command = canPin ? 'taskset' : process.execPath;
  const argv = canPin ? ['-c', core, process.execPath, ...args] : args;
  // A server's log goes to a file, as a container runtime takes it: through a pipe it depended on the
  // harness (on the load generator's busy core) draining it, and an undrained pipe made the server's
  // asynchronous log buffer grow into its capped heap (GC-bound runs at a tenth of the rate).
  const logFd = options.logFile ? (mkdirSync(join(options.logFile, '..'), { recursive: true }), openSync(options.logFile, 'w')) : undefined;
  const child = spawn(command, argv, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: logFd === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', logFd, logFd],
    // `npm start` runs `sh -c "… && node launcher"`: a signal to npm alone does not reach the
    // launcher, so signal the whole group — as Ctrl+C in a terminal does.
    detached: options.processGroup ?? false,
  });
  const signal = (name: NodeJS.Signals) => (options.processGroup ? process.kill(-(child.pid as number), name) : child.kill(name));
  let out = '';
  // Servers log every request as JSON: keep only the head (start-up) and errors, never the whole stream.
  const keep = (d: Buffer) => {
    if (options.keepOutput || out.length < 20_000) out += d.toString();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  if (logFd !== undefined) closeSync(logFd);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const fromFile = (file: string) => {
    const text = readFileSync(file, 'utf8');
    return text.length <= 23_000 ? text : `${text.slice(0, 20_000)}\n…\n${text.slice(-3_000)}`;
  };
  return {
    name,
    child,
    output: () => (options.logFile ? fromFile(options.logFile) : out),
    rssMb: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
      return Math.round(kb / 1024);
    },
    stop: async (name = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signal(name);
      const timer = setTimeout(() => signal('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** `--profile`: every Keel process writes a V8 CPU profile on exit to reports/profiles/<name>/ (open in Chrome DevTools). */
const PROFILE = process.argv.includes('--profile');

/**
 * A built entry point run the way `npm run start:api` / `start:worker` run it: the heap
 * flag they compute (cgroup limit or the 128 MB default, docs/operations.md), tracing preloaded.
 */
export function spawnEntry(name: string, entry: string, env: Record<string, string>, core: string): BenchProcess {
  const preload = join(ROOT, 'dist/libs/observability/src/tracing/register.js');
  const profile = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, 'reports', 'profiles', name)}`] : [];
  // Zero to two flags (old space, semi-space), space-separated as the start scripts' shell splits them.
  const heap = execFileSync(process.execPath, [join(ROOT, 'dist/apps/launcher/src/heap-flag.js')], { env, encoding: 'utf8' })
    .split(' ')
    .filter(Boolean);
  // Profiled processes run without the heap cap: at exit V8 serialises the whole profile on the heap,
  // and under the 128 MB default a profile of a long run hit the limit and was lost (no file written).
  const args = [...(PROFILE ? [] : heap), ...profile, '--require', preload, join(ROOT, entry)];
  // glibc's arenas as start:api sets them (libs/runtime/src/memory/heap-size.ts, memoryEnv).
  return spawnNode(name, args, { MALLOC_ARENA_MAX: '1', ...env }, core, {
    logFile: join(ROOT, 'reports', 'bench-logs', `${name}-${Date.now()}.log`),
  });
}

export async function waitReady(url: string, what: BenchProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (what.child.exitCode !== null || what.child.signalCode !== null) {
      throw new Error(`${what.name} exited (${what.child.exitCode ?? what.child.signalCode}):\n${what.output().slice(-3000)}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${what.name} not ready at ${url}:\n${what.output().slice(-3000)}`);
    await sleep(50);
  }
}
