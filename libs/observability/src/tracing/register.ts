/**
 * OpenTelemetry bootstrap, loaded before the application with
 * `node --require dist/libs/observability/src/tracing/register.js`
 * (the start scripts and the launcher do this) so instrumentations patch http,
 * fastify, pg, ioredis, undici (fetch) and pino before they are imported.
 *
 * A tracer provider is ALWAYS registered, so every request and job has a valid
 * trace context (trace ids reach the logs and the outbox) whether it is sampled
 * or not and whether an exporter is configured or not: without a provider the
 * API is a no-op and log lines carry no traceId at all. Which traces are
 * recorded is the head sampler's choice (trace-sampler.ts: parent-based, 10 % in
 * production, 100 % otherwise, or OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG);
 * recorded spans are exported over OTLP/HTTP only when OTEL_EXPORTER_OTLP_ENDPOINT
 * is set. Without an endpoint new traces are not recorded at all (nothing could
 * see them), so a span costs only its ids.
 */
import { AwsInstrumentation } from '@opentelemetry/instrumentation-aws-sdk';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { detectResources, envDetector, hostDetector, processDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NoopSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { defaultSampler } from './trace-sampler';
import { setTracingShutdown } from './tracing-shutdown';

const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
const serviceName = process.env.OTEL_SERVICE_NAME ?? `keel-${process.argv[1]?.includes('worker') ? 'worker' : 'api'}`;

// Traces only, so the tracer provider and the instrumentations are wired here by hand rather than
// through @opentelemetry/sdk-node: NodeSDK also loads the logs and metrics SDKs, every exporter it can
// build from the environment and the declarative-configuration schema (a 1.4 MB precompiled validator)
// — ≈ 5 MB of heap and ≈ 150 ms of every start for features Keel does not use (metrics are Prometheus;
// logs are JSON on stdout with traceId/spanId). What NodeSDK did that matters is kept: the same
// resource detectors (OTEL_RESOURCE_ATTRIBUTES, process, host) plus service.name, the AsyncLocalStorage
// context manager and the W3C trace-context + baggage propagators (NodeTracerProvider.register()).
const provider = new NodeTracerProvider({
  resource: detectResources({ detectors: [envDetector, processDetector, hostDetector] }).merge(
    resourceFromAttributes({ 'service.name': serviceName }),
  ),
  // A processor even without an endpoint: spans still get ids (trace ids in the logs), nothing is exported.
  spanProcessors: [endpoint ? new BatchSpanProcessor(new OTLPTraceExporter(), { scheduledDelayMillis: 500 }) : new NoopSpanProcessor()],
  // Absent when OTEL_TRACES_SAMPLER is set: the provider then reads the standard variables itself
  // (the key must be absent, not undefined: an undefined sampler replaces the one it builds from the env).
  ...withSampler(defaultSampler(process.env)),
});
provider.register();

registerInstrumentations({
  // Exactly what Keel uses, listed (issue 13): the auto-instrumentations bundle loaded ~40 packages
  // at every start and hooked every `require` for each of their module names.
  instrumentations: [
    // Outgoing only: incoming requests get their server span from Fastify hooks (http-server-spans.ts),
    // which cost an unsampled request a fraction of what this instrumentation's server side did.
    new HttpInstrumentation({ disableIncomingRequestInstrumentation: true }),
    // fetch: the payment providers and the sandbox.
    new UndiciInstrumentation(),
    // Object storage (product images, invoices) through the AWS SDK's S3 client.
    new AwsInstrumentation(),
    // Redis commands inside a request or job are part of its trace; BullMQ's polling and
    // other background chatter outside any span would be thousands of one-span traces.
    new IORedisInstrumentation({ requireParentSpan: true }),
    // The same for SQL: a statement is a span only inside a request, job or command,
    // never the relay's and LISTEN sessions' polling; no parameter values as attributes.
    new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
    new PinoInstrumentation({
      logKeys: { traceId: 'traceId', spanId: 'spanId', traceFlags: 'traceFlags' },
      // Correlation only: logs go to stdout as JSON. Sending each line to the OTel Logs API
      // as well (the default) cost ~1% of the API's CPU under load for a no-op logger provider.
      disableLogSending: true,
    }),
  ],
});

// Graceful shutdown flushes the last spans before it calls process.exit.
setTracingShutdown(() => provider.shutdown());

function withSampler(sampler: ReturnType<typeof defaultSampler>) {
  return sampler ? { sampler } : {};
}
