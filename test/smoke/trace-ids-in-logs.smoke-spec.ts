import { randomBytes } from 'node:crypto';
import { Server } from 'node:http';
import { KeelClient } from '../support/flow';
import { ExportedSpan, startCollector } from '../support/otlp-collector';
import { SMOKE_PROVIDER_SECRETS } from './payment-provider-env';
import { freePort, runNode, RunningProcess, statusOf, waitFor } from '../support/processes';
import { SmtpSink } from '../support/smtp-sink';
import { createTestDatabase, TestDatabase } from '../support/test-database';

jest.setTimeout(120_000);

/**
 * Trace ids reach every log line whether a trace is sampled or not and whether
 * an exporter is configured or not (issue 13): the processes run as
 * `start:api` / `start:worker` run them (tracing preloaded), in production with
 * JSON logs. The exported case lives in tracing.smoke-spec.ts.
 */
type LogLine = Record<string, unknown> & { req?: { method?: string; url?: string } };

const TRACE_ID = /^(?!0{32})[0-9a-f]{32}$/;
const SPAN_ID = /^(?!0{16})[0-9a-f]{16}$/;
const json = (p: RunningProcess): LogLine[] =>
  p
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogLine);
const accessLine = (p: RunningProcess, method: string, url: string) =>
  json(p).find((l) => l.req?.method === method && l.req?.url === url && typeof l.responseTime === 'number');
const traceparent = (traceId: string, sampled: boolean) => `00-${traceId}-${randomBytes(8).toString('hex')}-${sampled ? '01' : '00'}`;

describe('Trace ids in the logs of a production configuration', () => {
  // SMTP_URL is required with NODE_ENV=production: mail goes to a real local SMTP server.
  let smtp: SmtpSink;
  const ADMIN = { email: 'traceids-admin@example.com', password: 'trace ids admin password' };
  const spans: ExportedSpan[] = [];
  let db: TestDatabase;
  let collector: Server;
  let api: RunningProcess; // no exporter
  let worker: RunningProcess; // no exporter
  let sampledApi: RunningProcess; // exporter, sampling ratio 0
  let client: KeelClient;
  let sampledClient: KeelClient;
  const env = (): Record<string, string> => ({
    NODE_ENV: 'production',
    SMTP_URL: smtp.url,
    DATABASE_URL: db.url,
    JWT_SECRET: 'trace-ids-test-secret-that-is-long-enough-0123456789',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'info',
    SHUTDOWN_DRAIN_MS: '0',
    // Nothing answers there: the payment consumer fails and retries, which logs too.
    STRIPE_API_BASE: 'http://127.0.0.1:9',
    RAZORPAY_API_BASE: 'http://127.0.0.1:9',
    ...SMOKE_PROVIDER_SECRETS,
  });

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    db = await createTestDatabase();
    const port = await freePort();
    api = runNode('dist/apps/api/src/main.js', { ...env(), PORT: String(port), METRICS_PORT: String(await freePort()) });
    client = new KeelClient(`http://127.0.0.1:${port}`, db.url);
    await waitFor(async () => (await statusOf(`${client.base}/health/ready`)) === 200, 'API ready');
    worker = runNode('dist/apps/worker/src/main.js', { ...env(), WORKER_PORT: String(await freePort()) });

    // Started after the first API has migrated the database.
    const collectorPort = await freePort();
    collector = await startCollector(collectorPort, spans);
    const sampledPort = await freePort();
    sampledApi = runNode('dist/apps/api/src/main.js', {
      ...env(),
      PORT: String(sampledPort),
      METRICS_PORT: String(await freePort()),
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collectorPort}`,
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0',
    });
    sampledClient = new KeelClient(`http://127.0.0.1:${sampledPort}`, db.url);
    await waitFor(async () => (await statusOf(`${sampledClient.base}/health/ready`)) === 200, 'sampled API ready');
  });

  afterAll(async () => {
    for (const p of [api, worker, sampledApi]) if (p && p.child.exitCode === null) p.child.kill('SIGTERM');
    await Promise.all([api?.exited, worker?.exited, sampledApi?.exited]);
    collector?.close();
    await db?.drop();
    await smtp?.stop();
  });

  it('When no exporter is configured, then every log line of a request and of the jobs it causes carries its trace id', async () => {
    const admin = await client.login(ADMIN.email, ADMIN.password);
    const productId = await client.product(admin, 5);
    const customer = await client.customer();
    expect((await client.placeOrder(customer, productId, 1)).status).toBe(201);
    expect((await client.call('POST', '/api/v1/auth/login', { body: { email: ADMIN.email, password: 'wrong password!' } })).status).toBe(
      401,
    );

    const placed = accessLine(api, 'POST', '/api/v1/orders');
    expect(placed?.traceId).toMatch(TRACE_ID);
    await waitFor(
      () => json(worker).some((l) => l.requestId === placed!.requestId && l.consumer === 'notifications.order-emails'),
      'the order e-mail consumer logged',
      30_000,
    );

    const requestLines = json(api).filter((l) => typeof l.requestId === 'string');
    expect(requestLines.length).toBeGreaterThan(5);
    for (const line of requestLines) {
      expect({ line, traceId: line.traceId, spanId: line.spanId }).toEqual({
        line,
        traceId: expect.stringMatching(TRACE_ID),
        spanId: expect.stringMatching(SPAN_ID),
      });
    }
    // A fresh trace per request, not one shared id.
    const accessTraceIds = requestLines.filter((l) => l.req && typeof l.responseTime === 'number').map((l) => l.traceId);
    expect(new Set(accessTraceIds).size).toBe(accessTraceIds.length);

    // The jobs continue the request's trace (its traceparent travels on the outbox row).
    const jobLines = json(worker).filter((l) => l.requestId === placed!.requestId);
    expect(jobLines.map((l) => l.consumer)).toContain('notifications.order-emails');
    for (const line of jobLines) {
      expect({ line, traceId: line.traceId, spanId: line.spanId }).toEqual({
        line,
        traceId: placed!.traceId,
        spanId: expect.stringMatching(SPAN_ID),
      });
    }
  });

  it('When the sampler keeps no trace, then logs still carry trace ids and no span is exported, while a sampled parent is still honoured', async () => {
    expect((await sampledClient.call('GET', '/api/v1/products')).status).toBe(200);
    const unsampledParent = randomBytes(16).toString('hex');
    expect(
      (await sampledClient.call('GET', '/api/v1/products?limit=5', { headers: { traceparent: traceparent(unsampledParent, false) } }))
        .status,
    ).toBe(200);
    // Positive control, sent last: a caller's sampled decision is kept, so the exporter does work here.
    const sampledParent = randomBytes(16).toString('hex');
    expect(
      (await sampledClient.call('GET', '/api/v1/products?limit=7', { headers: { traceparent: traceparent(sampledParent, true) } })).status,
    ).toBe(200);
    await waitFor(() => spans.some((s) => s.traceId === sampledParent), 'the sampled request exported', 20_000);

    const own = accessLine(sampledApi, 'GET', '/api/v1/products');
    expect(own?.traceId).toMatch(TRACE_ID);
    expect(own?.spanId).toMatch(SPAN_ID);
    expect(accessLine(sampledApi, 'GET', '/api/v1/products?limit=5')?.traceId).toBe(unsampledParent);
    expect(accessLine(sampledApi, 'GET', '/api/v1/products?limit=7')?.traceId).toBe(sampledParent);
    // Spans are exported in batches in the order they ended: the unsampled requests came first.
    expect(spans.filter((s) => s.traceId !== sampledParent)).toEqual([]);
  });
});
