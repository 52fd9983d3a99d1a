/** The bench report: its shape, the issue's targets, and the printed table. */

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
  };
  /** The platform's messaging alone (no-op consumer): what the Q1 targets are about. */
  platformQueue: {
    throughput: { events: number; seconds: number; perSecond: number };
    latency: { events: number; ratePerSecond: number; p50: number; p95: number; p99: number };
    workerRssMb: number;
  };
  startup: { apiReadyMs: number; npmStartColdMs: number; npmStartWarmMs: number; devRestartMs: number; devRestartColdSpares: number };
  apiRssAfterLoadMb: number;
  targets: Target[];
}

const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(value < 10 ? 2 : 1)} ms` : 'n/a');
const pct = (value: number) => `${(value * 100).toFixed(0)}%`;

export function ratio(report: BenchReport, name: string): number {
  const scenario = report.http.find((s) => s.name === name);
  const baseline = report.http.find((s) => s.name === scenario?.baseline);
  return scenario && baseline ? scenario.rps / baseline.rps : NaN;
}

/** The issue's targets, measured against bare baselines from the same run. */
export function evaluateTargets(report: BenchReport): Target[] {
  const r1 = report.http.find((s) => s.name === 'R1');
  const { throughput, latency } = report.platformQueue;
  return [
    { name: 'R1 ratio', goal: '≥ 35% of bare Fastify', measured: pct(ratio(report, 'R1')), met: ratio(report, 'R1') >= 0.35 },
    {
      name: 'R1 p99',
      goal: `≤ 20 ms at ${report.connections} connections`,
      measured: ms(r1?.p99 ?? NaN),
      met: (r1?.p99 ?? Infinity) <= 20,
    },
    { name: 'R2 ratio', goal: '≥ 50% of bare Fastify + pg', measured: pct(ratio(report, 'R2')), met: ratio(report, 'R2') >= 0.5 },
    { name: 'W1 ratio', goal: '≥ 50% of bare Fastify + pg', measured: pct(ratio(report, 'W1')), met: ratio(report, 'W1') >= 0.5 },
    {
      name: 'Q1 throughput',
      goal: '≥ 2,000 events/s (Redis)',
      measured: `${throughput.perSecond.toFixed(0)}/s`,
      met: throughput.perSecond >= 2000,
    },
    {
      name: 'Q1 p99',
      goal: '≤ 250 ms at 500 events/s',
      measured: `${ms(latency.p99)} at ${latency.ratePerSecond.toFixed(0)}/s`,
      met: latency.p99 <= 250,
    },
    { name: 'API RSS', goal: '≤ 250 MB after load', measured: `${report.apiRssAfterLoadMb} MB`, met: report.apiRssAfterLoadMb <= 250 },
    {
      name: 'start:api',
      goal: '≤ 3 s to ready',
      measured: `${(report.startup.apiReadyMs / 1000).toFixed(2)} s`,
      met: report.startup.apiReadyMs <= 3000,
    },
    {
      name: 'npm start warm',
      goal: '≤ 10 s to ready',
      measured: `${(report.startup.npmStartWarmMs / 1000).toFixed(2)} s`,
      met: report.startup.npmStartWarmMs <= 10_000,
    },
    {
      name: 'npm run dev restart',
      goal: '≤ 3 s from save to ready',
      measured: `${(report.startup.devRestartMs / 1000).toFixed(2)} s`,
      met: report.startup.devRestartMs <= 3000,
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
    ['scenario', 'what', 'req/s', 'p50', 'p95', 'p99', 'errors', 'RSS MB', 'vs bare'],
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
    ]),
  ]);
  const { throughput, latency } = report.queue;
  const platform = report.platformQueue;
  const queue = [
    `Q1 platform (outbox → BullMQ/Redis → inbox, no-op consumer): drain ${platform.throughput.events} events in ${platform.throughput.seconds.toFixed(1)} s = ${platform.throughput.perSecond.toFixed(0)} events/s; at ${platform.latency.ratePerSecond}/s p50 ${ms(platform.latency.p50)}, p95 ${ms(platform.latency.p95)}, p99 ${ms(platform.latency.p99)}; worker RSS ${platform.workerRssMb} MB`,
    `Q1 flow (the real order cascade) drain: ${throughput.deliveries} consumer deliveries (${throughput.backlogEvents} backlog events, ${throughput.orders} orders, ${throughput.perOrder.toFixed(1)} per order) in ${throughput.seconds.toFixed(1)} s = ${throughput.perSecond.toFixed(0)} deliveries/s`,
    `Q1 flow steady: ${latency.deliveries} deliveries at ${latency.ratePerSecond.toFixed(0)}/s: outbox → consumer p50 ${ms(latency.p50)}, p95 ${ms(latency.p95)}, p99 ${ms(latency.p99)} (HTTP errors ${latency.httpErrors})`,
    `B1: start:api ready ${(report.startup.apiReadyMs / 1000).toFixed(2)} s; npm start cold ${(report.startup.npmStartColdMs / 1000).toFixed(2)} s, warm ${(report.startup.npmStartWarmMs / 1000).toFixed(2)} s (both include npm and the swc build)`,
    `B2: npm run dev, save → API ready on the new build: median ${(report.startup.devRestartMs / 1000).toFixed(2)} s${report.startup.devRestartColdSpares ? ` (${report.startup.devRestartColdSpares} restart(s) found a spare still loading)` : ''}`,
  ].join('\n');
  const targets = table([
    ['target', 'goal', 'measured', 'met'],
    ...report.targets.map((t) => [t.name, t.goal, t.measured, t.met ? 'yes' : 'NO']),
  ]);
  const note =
    report.mode === 'quick' ? '\n(quick mode: short runs; the figures show the harness works, they are not the measurement)' : '';
  return `Keel bench — ${report.mode}, ${report.at}, ${report.machine.cores} cores, Node ${report.machine.node}, ${report.machine.pinning}, ${report.connections} connections, ${report.durationSeconds} s per run\n\n${http}\n\n${queue}\n\n${targets}${note}`;
}
