/**
 * One load run, in its own process (pinned to another core than the server by
 * the harness): autocannon for a fixed duration and connection count, every
 * response time recorded so p95 is exact (autocannon's summary has no p95).
 * Prints one JSON line: LoadResult.
 */
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';

export interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** A fresh Idempotency-Key per request (W1: every POST is a new order). */
  freshIdempotencyKey?: boolean;
  /** Each order is for one of these products, at random (one hot stock row would serialise every reservation). */
  productIds?: string[];
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  /** Requests per second across all connections (Q1's steady rate); unset = as fast as possible. */
  overallRate?: number;
}

export interface LoadResult {
  requests: number;
  rps: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
}

function run(spec: LoadSpec, seconds: number, latencies?: number[]): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const request: autocannon.Request = {
      method: spec.method,
      path: spec.path,
      headers: { ...(spec.body !== undefined ? { 'content-type': 'application/json' } : {}), ...spec.headers },
      body: spec.body !== undefined ? JSON.stringify(spec.body) : undefined,
    };
    if (spec.freshIdempotencyKey || spec.productIds) {
      const products = spec.productIds;
      request.setupRequest = (r) => ({
        ...r,
        headers: spec.freshIdempotencyKey ? { ...r.headers, 'idempotency-key': randomUUID() } : r.headers,
        body: products ? JSON.stringify(withProduct(spec.body, products[Math.floor(Math.random() * products.length)])) : r.body,
      });
    }
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        duration: seconds,
        timeout: 10,
        overallRate: spec.overallRate,
        requests: [request],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    if (latencies) instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  });
}

function withProduct(body: unknown, productId: string): unknown {
  const order = body as { items: Array<{ productId: string; quantity: number }> };
  return { ...order, items: order.items.map((item) => ({ ...item, productId })) };
}

export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2]) as LoadSpec;
  if (spec.warmupSeconds > 0) await run(spec, spec.warmupSeconds);
  const latencies: number[] = [];
  const result = await run(spec, spec.durationSeconds, latencies);
  const sorted = Float64Array.from(latencies).sort();
  const requests = result['2xx'] + result.non2xx;
  const out: LoadResult = {
    requests,
    rps: requests / result.duration,
    errors: result.errors + result.timeouts + result.non2xx,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
