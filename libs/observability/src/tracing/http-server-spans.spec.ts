import Fastify from 'fastify';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  AlwaysOnSampler,
  BasicTracerProvider,
  InMemorySpanExporter,
  ParentBasedSampler,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import { traceHttpRequests } from './http-server-spans';

/** Server spans from Fastify hooks (issue 13): named by route, parent-based, active for the handler's async work. */
describe('traceHttpRequests', () => {
  const exporter = new InMemorySpanExporter();
  const contextManager = new AsyncLocalStorageContextManager().enable();
  let sampler = new ParentBasedSampler({ root: new AlwaysOnSampler() });
  const provider = new BasicTracerProvider({
    // Delegates to whichever sampler the test set, so one provider serves every case.
    sampler: { shouldSample: (...args) => sampler.shouldSample(...args), toString: () => 'test' },
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const app = Fastify();
  const seenInHandler: string[] = [];
  traceHttpRequests(app);
  app.get('/things/:id', async () => {
    await new Promise((resolve) => setImmediate(resolve));
    seenInHandler.push(trace.getActiveSpan()?.spanContext().traceId ?? 'none');
    return { ok: true };
  });
  app.get('/boom', async () => {
    throw new Error('boom');
  });
  app.get('/health/live', async () => ({ ok: true }));
  let base: string;

  beforeAll(async () => {
    context.setGlobalContextManager(contextManager);
    trace.setGlobalTracerProvider(provider);
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
    trace.disable();
    context.disable();
    propagation.disable();
  });
  beforeEach(() => {
    exporter.reset();
    seenInHandler.length = 0;
    sampler = new ParentBasedSampler({ root: new AlwaysOnSampler() });
  });

  it('records a server span named after the route template, active in the handler after an await', async () => {
    const response = await fetch(`${base}/things/42?q=1`);
    expect(response.status).toBe(200);
    const [span] = exporter.getFinishedSpans();
    expect(span.name).toBe('GET /things/:id');
    expect(span.attributes).toMatchObject({ 'http.request.method': 'GET', 'http.route': '/things/:id', 'http.response.status_code': 200 });
    expect(seenInHandler).toEqual([span.spanContext().traceId]);
  });

  it("continues the caller's trace from traceparent, and follows its decision not to sample", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await fetch(`${base}/things/1`, { headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
    expect(exporter.getFinishedSpans().map((s) => s.spanContext().traceId)).toEqual([traceId]);
    expect(exporter.getFinishedSpans()[0].parentSpanContext?.spanId).toBe('00f067aa0ba902b7');

    exporter.reset();
    await fetch(`${base}/things/2`, { headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-00` } });
    // Not sampled: nothing recorded, but the handler still ran in the caller's trace (log lines carry its id).
    expect(exporter.getFinishedSpans()).toEqual([]);
    expect(seenInHandler).toEqual([traceId, traceId]);
  });

  it('gives an unsampled new trace a valid trace id of its own', async () => {
    sampler = new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(0) });
    await fetch(`${base}/things/3`);
    expect(exporter.getFinishedSpans()).toEqual([]);
    expect(seenInHandler[0]).toMatch(/^(?!0{32})[0-9a-f]{32}$/);
  });

  it('marks a 5xx as an error and leaves probes untraced', async () => {
    expect((await fetch(`${base}/boom`)).status).toBe(500);
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => s.name)).toEqual(['GET /boom']);
    expect(spans[0].status.code).toBe(2); // SpanStatusCode.ERROR
    expect(spans[0].attributes['http.response.status_code']).toBe(500);
  });
});
