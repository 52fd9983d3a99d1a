import { evaluateTargets, formatReport, type BenchReport, type ScenarioResult } from './report';

const row = (name: string, rps: number, p99: number, baseline?: string): ScenarioResult => ({
  name,
  what: name,
  requests: rps * 20,
  rps,
  errors: 0,
  p50: p99 / 2,
  p95: p99 * 0.9,
  p99,
  rssMb: 100,
  baseline,
  exported: baseline ? { requests: 10, bytes: 20_000 } : undefined,
});

/** A run that meets issue 13's table exactly at each bound: the bounds are inclusive. */
function reportAtTheBounds(): BenchReport {
  return {
    at: '2026-12-01T00:00:00.000Z',
    mode: 'full',
    machine: { cores: 2, node: 'v20.20.2', pinning: 'test' },
    connections: 50,
    durationSeconds: 20,
    http: [
      row('R1-bare', 40_000, 2),
      row('R1', 10_000, 15, 'R1-bare'),
      row('R1-traced', 6_000, 20, 'R1-bare'),
      row('R2-bare', 4_000, 10),
      row('W1-bare', 1_000, 50),
      row('R2', 2_000, 30, 'R2-bare'),
      row('W1', 600, 90, 'W1-bare'),
    ],
    queue: {
      throughput: { deliveries: 6000, seconds: 10, perSecond: 600, backlogEvents: 1000, orders: 1000, perOrder: 6 },
      latency: { deliveries: 7500, ratePerSecond: 500, p50: 20, p95: 40, p99: 60, httpErrors: 0 },
      workerRssMb: 200,
    },
    platformQueue: {
      throughput: { events: 30_000, seconds: 10, perSecond: 3000 },
      latency: { events: 7500, ratePerSecond: 500, p50: 10, p95: 30, p99: 250 },
      workerRssMb: 150,
    },
    startup: { apiReadyMs: 3000, npmStartColdMs: 7000, npmStartWarmMs: 5000, devRestartMs: 3000, devRestartColdSpares: 0 },
    apiRssAfterLoadMb: 200,
    otlp: { '/v1/traces': { requests: 30, bytes: 3 * 1024 * 1024 }, '/v1/metrics': { requests: 0, bytes: 0 } },
    targets: [],
  };
}

const metByName = (report: BenchReport) => Object.fromEntries(evaluateTargets(report).map((t) => [t.name, t.met]));

describe('bench targets (issue 13)', () => {
  it('When every figure sits exactly on its bound, then every target is met', () => {
    const targets = evaluateTargets(reportAtTheBounds());

    expect(targets.map((t) => t.name)).toEqual([
      'R1 ratio',
      'R1 p99',
      'R1-traced ratio',
      'R2 ratio',
      'W1 ratio',
      'Q1 platform throughput',
      'Q1 platform p99',
      'Q1 flow drain',
      'API RSS',
      'worker RSS',
      'start:api',
      'npm start warm',
      'npm run dev restart',
    ]);
    expect(targets.filter((t) => !t.met)).toEqual([]);
  });

  it.each([
    ['R1 ratio', (r: BenchReport) => (r.http[1].rps = 9_999)],
    ['R1 p99', (r: BenchReport) => (r.http[1].p99 = 15.1)],
    ['R1-traced ratio', (r: BenchReport) => (r.http[2].rps = 5_999)],
    ['R2 ratio', (r: BenchReport) => (r.http[5].rps = 1_999)],
    ['W1 ratio', (r: BenchReport) => (r.http[6].rps = 599)],
    ['Q1 platform throughput', (r: BenchReport) => (r.platformQueue.throughput.perSecond = 2_999)],
    ['Q1 platform p99', (r: BenchReport) => (r.platformQueue.latency.p99 = 251)],
    ['Q1 flow drain', (r: BenchReport) => (r.queue.throughput.perSecond = 599)],
    ['API RSS', (r: BenchReport) => (r.apiRssAfterLoadMb = 201)],
    ['worker RSS', (r: BenchReport) => (r.queue.workerRssMb = 201)],
    ['start:api', (r: BenchReport) => (r.startup.apiReadyMs = 3001)],
    ['npm start warm', (r: BenchReport) => (r.startup.npmStartWarmMs = 5001)],
    ['npm run dev restart', (r: BenchReport) => (r.startup.devRestartMs = 3001)],
  ])('When %s is just past its bound, then only that target is missed', (name, spoil) => {
    const report = reportAtTheBounds();
    spoil(report);

    const missed = evaluateTargets(report).filter((t) => !t.met);

    expect(missed.map((t) => t.name)).toEqual([name]);
  });

  it('When the traced row is missing, then its target is missed rather than met by a NaN', () => {
    const report = reportAtTheBounds();
    report.http = report.http.filter((s) => s.name !== 'R1-traced');

    expect(metByName(report)['R1-traced ratio']).toBe(false);
  });

  it('When the report is printed, then it shows the traced row, what each Keel row exported, the receiver total and the targets', () => {
    const report = reportAtTheBounds();
    report.targets = evaluateTargets(report);

    const printed = formatReport(report);

    expect(printed).toMatch(/^R1-traced .* 15% +10 req, 20 KB$/m);
    expect(printed).toContain('swallowed 30 req, 3.0 MB of exports (/v1/traces 30 req, 3.0 MB)');
    expect(printed).toMatch(/^worker RSS +≤ 200 MB after Q1 flow +200 MB +yes$/m);
  });

  it('When nothing was exported, then the report says so', () => {
    const report = reportAtTheBounds();
    report.otlp = { '/v1/traces': { requests: 0, bytes: 0 } };

    expect(formatReport(report)).toContain('received nothing — no span was exported');
  });
});
