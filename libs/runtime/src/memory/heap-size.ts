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

export type HeapSource = 'cgroup' | 'default' | 'user';

export interface HeapDecision {
  /** The value to pass as --max-old-space-size, or undefined when the user chose one. */
  heapMb: number | undefined;
  source: HeapSource;
  /** The container's memory limit, when there is one. */
  limitMb?: number;
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

export function decideHeapSize({ cgroupLimitBytes, totalMemoryBytes, nodeOptions }: HeapInputs): HeapDecision {
  if (nodeOptions && USER_FLAG.test(nodeOptions)) return { heapMb: undefined, source: 'user' };
  // cgroup v1 reports "no limit" as a huge number (9223372036854771712), and a
  // limit above the machine's memory does not constrain anything either.
  if (cgroupLimitBytes === undefined || cgroupLimitBytes >= totalMemoryBytes) return { heapMb: DEFAULT_HEAP_MB, source: 'default' };
  const limitMb = Math.floor(cgroupLimitBytes / MIB);
  const heapMb = Math.min(MAX_HEAP_MB, Math.max(MIN_HEAP_MB, Math.floor((limitMb - NON_HEAP_HEADROOM_MB) * HEAP_FRACTION)));
  return { heapMb, source: 'cgroup', limitMb };
}

/** The node arguments for a decision: none when the user's NODE_OPTIONS already sets the heap. */
export function heapArgs(decision: HeapDecision): string[] {
  return decision.heapMb === undefined ? [] : [`--max-old-space-size=${decision.heapMb}`];
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
  return decision.source === 'cgroup'
    ? `heap limit ${mb} MB (from cgroup limit ${decision.limitMb} MB)`
    : `heap limit ${mb} MB (default: no cgroup memory limit)`;
}
