import { Server } from 'node:http';
import { KeelClient } from '../support/flow';
import { ExportedSpan, startCollector } from '../support/otlp-collector';
import { SMOKE_PROVIDER_SECRETS } from './payment-provider-env';
import { freePort, runNode, RunningProcess, statusOf, waitFor } from '../support/processes';
import { SmtpSink } from '../support/smtp-sink';
import { createTestDatabase, TestDatabase } from '../support/test-database';

jest.setTimeout(120_000);

type Span = ExportedSpan;

describe('Tracing across HTTP → outbox → queue → worker', () => {
  // SMTP_URL is required with NODE_ENV=production: mail goes to a real local SMTP server.
  let smtp: SmtpSink;
  const spans: Span[] = [];
  let collector: Server;
  let db: TestDatabase;
  let api: RunningProcess;
  let worker: RunningProcess;
  let sandbox: RunningProcess;
  let client: KeelClient;
  const ADMIN = { email: 'trace-admin@example.com', password: 'trace admin password' };

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    const collectorPort = await freePort();
    collector = await startCollector(collectorPort, spans);
    db = await createTestDatabase();
    const env = {
      NODE_ENV: 'production',
      SMTP_URL: smtp.url,
      DATABASE_URL: db.url,
      JWT_SECRET: 'trace-test-secret-that-is-long-enough-0123456789',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'info',
      SHUTDOWN_DRAIN_MS: '0',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collectorPort}`,
      // Production samples 10 % of traces by default; this test follows one whole order's trace.
      OTEL_TRACES_SAMPLER: 'parentbased_always_on',
    };
    const port = await freePort();
    const sandboxPort = await freePort();
    sandbox = runNode('dist/apps/payment-sandbox/src/main.js', {
      SANDBOX_PORT: String(sandboxPort),
      SANDBOX_WEBHOOK_BASE: `http://127.0.0.1:${port}/api/v1/payments/webhooks`,
      LOG_LEVEL: 'silent',
      ...SMOKE_PROVIDER_SECRETS,
    });
    // Production refuses the sandbox defaults: every provider setting is explicit, pointing at the sandbox.
    Object.assign(env, {
      STRIPE_API_BASE: `http://127.0.0.1:${sandboxPort}`,
      RAZORPAY_API_BASE: `http://127.0.0.1:${sandboxPort}`,
      ...SMOKE_PROVIDER_SECRETS,
    });
    api = runNode('dist/apps/api/src/main.js', {
      ...env,
      PORT: String(port),
      METRICS_PORT: String(await freePort()),
      OTEL_SERVICE_NAME: 'keel-api',
    });
    worker = runNode('dist/apps/worker/src/main.js', { ...env, WORKER_PORT: String(await freePort()), OTEL_SERVICE_NAME: 'keel-worker' });
    client = new KeelClient(`http://127.0.0.1:${port}`, db.url);
    await waitFor(async () => (await statusOf(`${client.base}/health/ready`)) === 200, 'API ready');
  });

  afterAll(async () => {
    for (const p of [api, worker, sandbox]) if (p && p.child.exitCode === null) p.child.kill('SIGTERM');
    await Promise.all([api?.exited, worker?.exited, sandbox?.exited]);
    collector?.close();
    await db?.drop();
    await smtp?.stop();
  });

  it('When an order is placed and paid, then the HTTP request, its SQL, the command, every consumer and the provider call share one trace', async () => {
    const admin = await client.login(ADMIN.email, ADMIN.password);
    const productId = await client.product(admin, 5);
    const customer = await client.customer();
    const placed = await client.placeOrder(customer, productId, 1);
    expect(placed.status).toBe(201);
    const [order] = await client.waitForOrders(admin, [placed.body.id], (s) => s === 'PAID' || s === 'PAYMENT_FAILED');
    expect(order.status).toBe('PAID');

    // Spans arrive in batches from two processes: wait until the whole chain has been exported.
    const required = [
      'command PlaceOrderCommand',
      'consume orders.mark-paid',
      'consume payments.charge-on-payment-requested',
      'consume notifications.order-emails',
    ];
    await waitFor(
      () => required.every((name) => spans.some((s) => s.name === name)) && spans.some((s) => s.name.startsWith('stripe ')),
      'all spans exported',
      20_000,
    );
    const root = spans.find(
      (s) =>
        s.service === 'keel-api' &&
        /POST/.test(s.name) &&
        spans.some((c) => c.traceId === s.traceId && c.name === 'command PlaceOrderCommand'),
    );
    expect(root).toBeDefined();
    const trace = spans.filter((s) => s.traceId === root!.traceId);
    const names = trace.map((s) => `${s.service}:${s.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'keel-api:command PlaceOrderCommand',
        'keel-worker:consume inventory.reserve-stock',
        'keel-worker:consume orders.confirm-on-stock-reserved',
        'keel-worker:consume notifications.order-emails',
        'keel-worker:consume payments.charge-on-payment-requested',
        'keel-worker:consume orders.mark-paid',
      ]),
    );
    // The provider call itself: our policy's CLIENT span and the fetch span under it.
    expect(trace.some((s) => s.service === 'keel-worker' && s.name.startsWith('stripe '))).toBe(true);
    expect(trace.some((s) => s.service === 'keel-api' && /^pg\.query|INSERT|SELECT/.test(s.name))).toBe(true);
    expect(trace.some((s) => s.service === 'keel-worker' && /^pg\.query|INSERT|SELECT|UPDATE/.test(s.name))).toBe(true);
  });

  it('When the worker logs while consuming, then its log lines carry the trace id and the request id', () => {
    const lines = worker
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.consumer === 'notifications.order-emails');
    expect(lines.length).toBeGreaterThan(0);
    const consumerTraceIds = new Set(spans.filter((s) => s.name === 'consume notifications.order-emails').map((s) => s.traceId));
    expect(lines.every((l) => typeof l.requestId === 'string' && consumerTraceIds.has(String(l.traceId)))).toBe(true);
  });

  it('When the order flow ran, then the API access line of POST /orders and the worker lines share its request id', () => {
    const json = (p: RunningProcess) =>
      p
        .output()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    const access = json(api).find(
      (l) =>
        (l.req as { method?: string; url?: string } | undefined)?.url === '/api/v1/orders' &&
        (l.req as { method: string }).method === 'POST',
    );
    expect(access?.requestId).toEqual(expect.any(String));
    expect(access?.traceId).toEqual(expect.any(String));
    const workerLines = json(worker).filter((l) => l.requestId === access!.requestId);
    expect(workerLines.map((l) => l.consumer)).toContain('notifications.order-emails');
    expect(workerLines.every((l) => l.traceId === access!.traceId)).toBe(true);
  });
});
