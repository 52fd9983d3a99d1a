/** The bench report: its shape, the issue's targets, and the printed table. */
import type { OtlpTraffic } from './otlp-sink';

export interface ScenarioResult {
  name: string;
  what: string;
  requests: number;
  rps: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  rssMb: number;
  /** The bare baseline this scenario is compared with. */
  baseline?: string;
  /** Trace exports the OTLP receiver got during the run, warm-up included (Keel's rows only). */
  exported?: OtlpTraffic;
}

export interface Target {
  name: string;
  goal: string;
  measured: string;
  met: boolean;
}

export interface BenchReport {
  at: string;
  mode: 'quick' | 'full';
  machine: { cores: number; node: string; pinning: string };
  connections: number;
  durationSeconds: number;
  http: ScenarioResult[];
  queue: {
    throughput: { deliveries: number; seconds: number; perSecond: number; backlogEvents: number; orders: number; perOrder: number };
    latency: { deliveries: number; ratePerSecond: number; p50: number; p95: number; p99: number; httpErrors: number };
    /** The real worker after the drain and the steady phase. */
    workerRssMb: number;
  };
  /** The platform's messaging alone (no-op consumer): what the Q1 targets are about. */
  platformQueue: {
    throughput: { events: number; seconds: number; perSecond: number };
    latency: { events: number; ratePerSecond: number; p50: number; p95: number; p99: number };
    workerRssMb: number;
  };
  startup: { apiReadyMs: number; npmStartColdMs: number; npmStartWarmMs: number; devRestartMs: number; devRestartColdSpares: number };
  apiRssAfterLoadMb: number;
  /** Everything the OTLP receiver swallowed in the run, per signal path (/v1/traces, …). */
  otlp: Record<string, OtlpTraffic>;
  targets: Target[];
}

const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(value < 10 ? 2 : 1)} ms` : 'n/a');
const pct = (value: number) => `${(value * 100).toFixed(0)}%`;
const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(0)} KB`);
const traffic = (t: OtlpTraffic) => `${t.requests} req, ${size(t.bytes)}`;

export function ratio(report: BenchReport, name: string): number {
  const scenario = report.http.find((s) => s.name === name);
  const baseline = report.http.find((s) => s.name === scenario?.baseline);
  return scenario && baseline ? scenario.rps / baseline.rps : NaN;
}

const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`;
const perSecond = (value: number) => `${value.toFixed(0)}/s`;

function minRatio(report: BenchReport, name: string, goal: string, min: number): Target {
  const measured = ratio(report, name);
  return { name: `${name} ratio`, goal, measured: pct(measured), met: measured >= min };
}

/**
 * Issue 13's targets, with the earlier issues' that it does not supersede (Q1 p99,
 * start:api, the dev restart). Ratios against bare baselines from the same run.
 * A missing or NaN figure is never met.
 */
export function evaluateTargets(report: BenchReport): Target[] {
  const r1 = report.http.find((s) => s.name === 'R1');
  const platform = report.platformQueue;
  const flow = report.queue.throughput;
  const { startup } = report;
  return [
    minRatio(report, 'R1', '≥ 25% of bare Fastify', 0.25),
    { name: 'R1 p99', goal: `≤ 15 ms at ${report.connections} connections`, measured: ms(r1?.p99 ?? NaN), met: (r1?.p99 ?? NaN) <= 15 },
    minRatio(report, 'R1-traced', '≥ 15% of bare Fastify, 100% sampling', 0.15),
    minRatio(report, 'R2', '≥ 50% of bare Fastify + pg', 0.5),
    minRatio(report, 'W1', '≥ 60% of bare Fastify + pg', 0.6),
    {
      name: 'Q1 platform throughput',
      goal: '≥ 3,000 events/s, one worker',
      measured: perSecond(platform.throughput.perSecond),
      met: platform.throughput.perSecond >= 3000,
    },
    {
      name: 'Q1 platform p99',
      goal: '≤ 250 ms at 500 events/s',
      measured: `${ms(platform.latency.p99)} at ${perSecond(platform.latency.ratePerSecond)}`,
      met: platform.latency.p99 <= 250,
    },
    { name: 'Q1 flow drain', goal: '≥ 600 deliveries/s, one worker', measured: perSecond(flow.perSecond), met: flow.perSecond >= 600 },
    { name: 'API RSS', goal: '≤ 200 MB after the run', measured: `${report.apiRssAfterLoadMb} MB`, met: report.apiRssAfterLoadMb <= 200 },
    {
      name: 'worker RSS',
      goal: '≤ 200 MB after Q1 flow',
      measured: `${report.queue.workerRssMb} MB`,
      met: report.queue.workerRssMb <= 200,
    },
    { name: 'start:api', goal: '≤ 3 s to ready', measured: seconds(startup.apiReadyMs), met: startup.apiReadyMs <= 3000 },
    { name: 'npm start warm', goal: '≤ 5 s to ready', measured: seconds(startup.npmStartWarmMs), met: startup.npmStartWarmMs <= 5000 },
    {
      name: 'npm run dev restart',
      goal: '≤ 3 s from save to ready',
      measured: seconds(startup.devRestartMs),
      met: startup.devRestartMs <= 3000,
    },
  ];
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows
    .map(
      (r, n) =>
        r.map((cell, i) => (i === 0 || i === 1 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ') +
        (n === 0 ? `\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : ''),
    )
    .join('\n');
}

export function formatReport(report: BenchReport): string {
  const http = table([
    ['scenario', 'what', 'req/s', 'p50', 'p95', 'p99', 'errors', 'RSS MB', 'vs bare', 'spans exported'],
    ...report.http.map((s) => [
      s.name,
      s.what,
      s.rps.toFixed(0),
      ms(s.p50),
      ms(s.p95),
      ms(s.p99),
      String(s.errors),
      String(s.rssMb),
      s.baseline ? pct(ratio(report, s.name)) : '',
      s.exported ? traffic(s.exported) : '',
    ]),
  ]);
  const { throughput, latency } = report.queue;
  const platform = report.platformQueue;
  const queue = [
    `Q1 platform (outbox → BullMQ/Redis → inbox, no-op consumer): drain ${platform.throughput.events} events in ${platform.throughput.seconds.toFixed(1)} s = ${platform.throughput.perSecond.toFixed(0)} events/s; at ${platform.latency.ratePerSecond}/s p50 ${ms(platform.latency.p50)}, p95 ${ms(platform.latency.p95)}, p99 ${ms(platform.latency.p99)}; worker RSS ${platform.workerRssMb} MB`,
    `Q1 flow (the real order cascade) drain: ${throughput.deliveries} consumer deliveries (${throughput.backlogEvents} backlog events, ${throughput.orders} orders, ${throughput.perOrder.toFixed(1)} per order) in ${throughput.seconds.toFixed(1)} s = ${throughput.perSecond.toFixed(0)} deliveries/s; worker RSS ${report.queue.workerRssMb} MB`,
    `Q1 flow steady: ${latency.deliveries} deliveries at ${latency.ratePerSecond.toFixed(0)}/s: outbox → consumer p50 ${ms(latency.p50)}, p95 ${ms(latency.p95)}, p99 ${ms(latency.p99)} (HTTP errors ${latency.httpErrors})`,
    `B1: start:api ready ${(report.startup.apiReadyMs / 1000).toFixed(2)} s; npm start cold ${(report.startup.npmStartColdMs / 1000).toFixed(2)} s, warm ${(report.startup.npmStartWarmMs / 1000).toFixed(2)} s (both include npm and the build step, a no-op when no source changed since the last build)`,
    `B2: npm run dev, save → API ready on the new build: median ${(report.startup.devRestartMs / 1000).toFixed(2)} s${report.startup.devRestartColdSpares ? ` (${report.startup.devRestartColdSpares} restart(s) found a spare still loading)` : ''}`,
  ].join('\n');
  const signals = Object.entries(report.otlp).filter(([, t]) => t.requests > 0);
  const swallowed = signals.reduce((sum, [, t]) => ({ requests: sum.requests + t.requests, bytes: sum.bytes + t.bytes }), {
    requests: 0,
    bytes: 0,
  });
  const otlp = signals.length
    ? `OTLP receiver (accepts and discards): swallowed ${traffic(swallowed)} of exports (${signals.map(([path, t]) => `${path} ${traffic(t)}`).join('; ')})`
    : 'OTLP receiver (accepts and discards): received nothing — no span was exported';
  const targets = table([
    ['target', 'goal', 'measured', 'met'],
    ...report.targets.map((t) => [t.name, t.goal, t.measured, t.met ? 'yes' : 'NO']),
  ]);
  const note =
    report.mode === 'quick' ? '\n(quick mode: short runs; the figures show the harness works, they are not the measurement)' : '';
  return `Keel bench — ${report.mode}, ${report.at}, ${report.machine.cores} cores, Node ${report.machine.node}, ${report.machine.pinning}, ${report.connections} connections, ${report.durationSeconds} s per run\n\n${http}\n\n${queue}\n${otlp}\n\n${targets}${note}`;
}
