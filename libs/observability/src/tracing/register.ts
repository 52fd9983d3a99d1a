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
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, NoopSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { defaultSampler } from './trace-sampler';
import { setTracingShutdown } from './tracing-shutdown';

const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
// Traces only, wired explicitly below: the SDK must not start its own OTLP log or metric exporters
// (metrics are Prometheus; logs are JSON on stdout with traceId/spanId).
process.env.OTEL_LOGS_EXPORTER ??= 'none';
process.env.OTEL_METRICS_EXPORTER ??= 'none';
process.env.OTEL_TRACES_EXPORTER ??= 'none';
const serviceName = process.env.OTEL_SERVICE_NAME ?? `keel-${process.argv[1]?.includes('worker') ? 'worker' : 'api'}`;

const sdk = new NodeSDK({
  serviceName,
  // Never an empty list: NodeSDK registers no tracer provider at all without a span processor.
  spanProcessors: [endpoint ? new BatchSpanProcessor(new OTLPTraceExporter(), { scheduledDelayMillis: 500 }) : new NoopSpanProcessor()],
  // undefined when OTEL_TRACES_SAMPLER is set: the SDK then reads the standard variables itself.
  sampler: defaultSampler(process.env),
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

sdk.start();
// Graceful shutdown flushes the last spans before it calls process.exit.
setTracingShutdown(() => sdk.shutdown());
