import { readFileSync } from 'node:fs';
import { totalmem } from 'node:os';

/**
 * How big a Keel process's V8 old space may grow (`--max-old-space-size`).
 *
 * Why not leave it to Node: Node 20/22 hand V8 the smaller of physical memory and
 * the cgroup limit libuv reports, and V8 then allows the old space about a quarter
 * of that, up to 4 GB. On a host or VM without a limit that is 4 GB (4144 MB
 * measured on a 24 GB machine), so after load V8 keeps the heap it grew to and the
 * API ended the bench at 447 MB RSS with ≈ 95 MB in use (docs/performance.md).
 * In a container a quarter of the limit ignores what is not heap. So every start
 * path (start:api/start:worker, the launcher's children, the Docker entrypoint)
 * passes an explicit flag computed here, unless the user already chose one.
 *
 * Pure functions plus one reader, so the rule is unit-tested without a cgroup.
 */

const MIB = 1024 * 1024;

/**
 * No memory limit: 128 MB of old space. The heap in use after the bench's load is
 * ≈ 95 MB, and with this cap the R2 run kept its throughput (1 040 vs 923 req/s)
 * while RSS fell from 447 to 249 MB (docs/performance.md).
 */
export const DEFAULT_HEAP_MB = 128;
/**
 * What a process holds outside the old space: code, the young generation
 * (semi-spaces), native buffers of pg/ioredis/pino/OpenTelemetry. Measured as
 * RSS minus the old-space cap: 249 MB − 128 MB ≈ 120 MB, rounded up.
 */
export const NON_HEAP_HEADROOM_MB = 128;
/** Of what is left after the headroom: slack for V8 overshooting its limit during a GC and for fragmentation. */
export const HEAP_FRACTION = 0.7;
/** Below this a Nest app cannot boot; a limit this small is a misconfiguration we still do not make worse. */
export const MIN_HEAP_MB = 64;
/** Beyond this a bigger heap only delays collections; more instances scale better than bigger ones. */
export const MAX_HEAP_MB = 1024;
/**
 * The young generation (`--max-semi-space-size`, MB per semi-space) follows the old
 * space: 1/32 of it, as a power of two, 1..16 MB. V8's default is 16 MB whatever the
 * old space (two semi-spaces: 32 MB of RSS), sized for big heaps; under the 128 MB
 * default that is a quarter of the process. Measured on the API after R1+R2+W1 load:
 * new space 32 → 8 MB, RSS −17 MB, throughput within noise (docs/performance.md).
 */
export const SEMI_SPACE_RATIO = 32;
export const MIN_SEMI_SPACE_MB = 1;
export const MAX_SEMI_SPACE_MB = 16;

export type HeapSource = 'cgroup' | 'default' | 'user';

export interface HeapDecision {
  /** The value to pass as --max-old-space-size, or undefined when the user chose one. */
  heapMb: number | undefined;
  source: HeapSource;
  /** The container's memory limit, when there is one. */
  limitMb?: number;
  /** The value to pass as --max-semi-space-size, or undefined when the user chose the heap or the young generation. */
  semiSpaceMb?: number;
}

export interface HeapInputs {
  /** The cgroup memory limit in bytes, undefined when none (see readCgroupMemoryLimit). */
  cgroupLimitBytes: number | undefined;
  /** The machine's memory: a "limit" at or above it limits nothing. */
  totalMemoryBytes: number;
  /** process.env.NODE_OPTIONS: a --max-old-space-size there is the user's choice and wins. */
  nodeOptions: string | undefined;
}

const USER_FLAG = /(^|\s)--max[-_]old[-_]space[-_]size(=|\s|$)/;
const USER_SEMI_SPACE_FLAG = /(^|\s)--max[-_]semi[-_]space[-_]size(=|\s|$)/;

/** The semi-space size for an old space of `heapMb`: 1/32 of it, rounded down to a power of two, 1..16 MB. */
export function semiSpaceFor(heapMb: number): number {
  const mb = 2 ** Math.floor(Math.log2(Math.max(1, heapMb / SEMI_SPACE_RATIO)));
  return Math.min(MAX_SEMI_SPACE_MB, Math.max(MIN_SEMI_SPACE_MB, mb));
}

export function decideHeapSize({ cgroupLimitBytes, totalMemoryBytes, nodeOptions }: HeapInputs): HeapDecision {
  // A user who sized the old space sized the process: the young generation stays theirs (or V8's) too.
  if (nodeOptions && USER_FLAG.test(nodeOptions)) return { heapMb: undefined, source: 'user' };
  const young = (heapMb: number) => (nodeOptions && USER_SEMI_SPACE_FLAG.test(nodeOptions) ? {} : { semiSpaceMb: semiSpaceFor(heapMb) });
  // cgroup v1 reports "no limit" as a huge number (9223372036854771712), and a
  // limit above the machine's memory does not constrain anything either.
  if (cgroupLimitBytes === undefined || cgroupLimitBytes >= totalMemoryBytes) {
    return { heapMb: DEFAULT_HEAP_MB, source: 'default', ...young(DEFAULT_HEAP_MB) };
  }
  const limitMb = Math.floor(cgroupLimitBytes / MIB);
  const heapMb = Math.min(MAX_HEAP_MB, Math.max(MIN_HEAP_MB, Math.floor((limitMb - NON_HEAP_HEADROOM_MB) * HEAP_FRACTION)));
  return { heapMb, source: 'cgroup', limitMb, ...young(heapMb) };
}

/** The node arguments for a decision: none when the user's NODE_OPTIONS already sets the heap. */
export function heapArgs(decision: HeapDecision): string[] {
  if (decision.heapMb === undefined) return [];
  const young = decision.semiSpaceMb === undefined ? [] : [`--max-semi-space-size=${decision.semiSpaceMb}`];
  return [`--max-old-space-size=${decision.heapMb}`, ...young];
}

/**
 * Environment for a Keel process that is not heap: glibc's malloc keeps up to
 * 8 × cores arenas, one per thread that allocates (libuv's pool, V8's workers),
 * each holding freed memory as RSS. One arena: on the API after R1+R2+W1 load,
 * two arenas saved ≈ 11 MB and one a further ≈ 18 MB (≈ 200 → 182 MB, interleaved
 * runs), with throughput the same or better — allocations are mostly
 * V8's own, on the main thread, so the threads rarely contend for the lock
 * (docs/performance.md, findings 17 and 23). A value the user set wins; musl
 * (Alpine) ignores it.
 */
export function memoryEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return env.MALLOC_ARENA_MAX ? {} : { MALLOC_ARENA_MAX: '1' };
}

/**
 * The memory limit of the cgroup this process runs in, in bytes, or undefined.
 * cgroup v2: /sys/fs/cgroup/memory.max ("max" = no limit). cgroup v1:
 * /sys/fs/cgroup/memory/memory.limit_in_bytes (a huge number = no limit, which
 * decideHeapSize treats as none). Docker and Kubernetes mount the container's own
 * cgroup there (cgroup namespaces), so the root file is the container's limit.
 */
export function readCgroupMemoryLimit(read: (path: string) => string = (path) => readFileSync(path, 'utf8')): number | undefined {
  for (const path of ['/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory/memory.limit_in_bytes']) {
    let text: string;
    try {
      text = read(path).trim();
    } catch {
      continue;
    }
    if (text === 'max') return undefined;
    const bytes = Number(text);
    if (Number.isFinite(bytes) && bytes > 0) return bytes;
  }
  return undefined;
}

/** The decision for this machine and environment. */
export function decideHeapSizeHere(env: NodeJS.ProcessEnv = process.env): HeapDecision {
  return decideHeapSize({ cgroupLimitBytes: readCgroupMemoryLimit(), totalMemoryBytes: totalmem(), nodeOptions: env.NODE_OPTIONS });
}

/**
 * The boot log line's text: the old-space limit this process runs with and why.
 * Read back from the process's own flags, so it reports what really applies.
 */
export function describeHeapLimit(execArgv: string[] = process.execArgv, env: NodeJS.ProcessEnv = process.env): string {
  const decision = decideHeapSizeHere(env);
  const flag = [...execArgv].reverse().find((arg) => arg.startsWith('--max-old-space-size='));
  if (decision.source === 'user') return `heap limit set by NODE_OPTIONS (${env.NODE_OPTIONS})`;
  if (!flag) return `heap limit: Node's own default (no --max-old-space-size; started outside the start scripts)`;
  const mb = Number(flag.split('=')[1]);
  if (mb !== decision.heapMb) return `heap limit ${mb} MB (set on the command line)`;
  const semi = [...execArgv].reverse().find((arg) => arg.startsWith('--max-semi-space-size='));
  const young = semi ? `, semi-space ${semi.split('=')[1]} MB` : '';
  return decision.source === 'cgroup'
    ? `heap limit ${mb} MB${young} (from cgroup limit ${decision.limitMb} MB)`
    : `heap limit ${mb} MB${young} (default: no cgroup memory limit)`;
}
