import { AlwaysOffSampler, ParentBasedSampler, Sampler, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace-base';

/** Share of new traces recorded when nothing says otherwise (README: "Observability"). */
export const DEFAULT_SAMPLE_RATIO = { production: 0.1, other: 1 } as const;

/**
 * The head sampler Keel gives the tracer provider, or `undefined` to let the SDK
 * build it from the standard `OTEL_TRACES_SAMPLER` / `OTEL_TRACES_SAMPLER_ARG`
 * (an explicit OTel setting always wins; the SDK's own default would be
 * `parentbased_always_on`, i.e. 100 % in production too).
 *
 * Every choice here is parent-based: a request that arrives with a `traceparent`
 * (or a job whose outbox row carries one) follows its parent's decision, so a
 * trace is kept or dropped whole across the API, the worker and the providers.
 * Unsampled spans are non-recording but still have a valid trace and span id,
 * which is what the logs carry.
 */
export function defaultSampler(env: NodeJS.ProcessEnv): Sampler | undefined {
  if (env.OTEL_TRACES_SAMPLER?.trim()) return undefined;
  // Nothing to export to: recording spans would be work thrown away, so new traces are
  // not recorded (ids still generated). A sampled parent is still honoured, so the
  // sampled flag this process passes on downstream stays the caller's.
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim()) return new ParentBasedSampler({ root: new AlwaysOffSampler() });
  return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(sampleRatio(env)) });
}

/** OTEL_TRACES_SAMPLER_ARG when it is a ratio in [0, 1], else the NODE_ENV default. */
export function sampleRatio(env: NodeJS.ProcessEnv): number {
  const arg = env.OTEL_TRACES_SAMPLER_ARG?.trim();
  const ratio = arg ? Number(arg) : NaN;
  if (Number.isFinite(ratio) && ratio >= 0 && ratio <= 1) return ratio;
  return env.NODE_ENV === 'production' ? DEFAULT_SAMPLE_RATIO.production : DEFAULT_SAMPLE_RATIO.other;
}
