import { context, ROOT_CONTEXT, SpanKind, trace, TraceFlags } from '@opentelemetry/api';
import { Sampler, SamplingDecision } from '@opentelemetry/sdk-trace-base';
import { defaultSampler, sampleRatio } from './trace-sampler';

const ENDPOINT = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
const LOW_TRACE_ID = '00000000000000000000000000000001'; // below every ratio > 0
// The ratio sampler XORs the id's 32-bit words: this one lands above every ratio < 1.
const HIGH_TRACE_ID = 'ffffffff000000000000000000000000';

const decide = (sampler: Sampler, traceId: string, parent = ROOT_CONTEXT) =>
  sampler.shouldSample(parent, traceId, 'GET /x', SpanKind.SERVER, {}, []).decision;

const sampledParent = trace.setSpanContext(context.active(), {
  traceId: HIGH_TRACE_ID,
  spanId: '0000000000000001',
  traceFlags: TraceFlags.SAMPLED,
  isRemote: true,
});

describe('defaultSampler', () => {
  it('When OTEL_TRACES_SAMPLER is set, then Keel defers to the SDK, which reads the standard variables', () => {
    expect(defaultSampler({ ...ENDPOINT, OTEL_TRACES_SAMPLER: 'always_on', NODE_ENV: 'production' })).toBeUndefined();
  });

  it('When in production with an exporter, then 10 % of new traces are recorded', () => {
    expect(sampleRatio({ NODE_ENV: 'production' })).toBe(0.1);
    const sampler = defaultSampler({ ...ENDPOINT, NODE_ENV: 'production' })!;
    expect(sampler.toString()).toMatch(/ParentBased.*TraceIdRatioBased\{0\.1\}/);
    expect(decide(sampler, HIGH_TRACE_ID)).toBe(SamplingDecision.NOT_RECORD);
  });

  it('When not in production with an exporter, then every new trace is recorded', () => {
    expect(sampleRatio({ NODE_ENV: 'development' })).toBe(1);
    expect(decide(defaultSampler({ ...ENDPOINT, NODE_ENV: 'development' })!, HIGH_TRACE_ID)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });

  it('When OTEL_TRACES_SAMPLER_ARG alone is a ratio, then it replaces the default; out of range, it is ignored', () => {
    expect(sampleRatio({ NODE_ENV: 'production', OTEL_TRACES_SAMPLER_ARG: '0.5' })).toBe(0.5);
    expect(sampleRatio({ NODE_ENV: 'production', OTEL_TRACES_SAMPLER_ARG: '0' })).toBe(0);
    expect(sampleRatio({ NODE_ENV: 'production', OTEL_TRACES_SAMPLER_ARG: '2' })).toBe(0.1);
    expect(sampleRatio({ NODE_ENV: 'test', OTEL_TRACES_SAMPLER_ARG: 'half' })).toBe(1);
  });

  it('When a request arrives with a sampled parent, then it is recorded even at ratio 0 (one decision per trace)', () => {
    const sampler = defaultSampler({ ...ENDPOINT, OTEL_TRACES_SAMPLER_ARG: '0' })!;
    expect(decide(sampler, LOW_TRACE_ID)).toBe(SamplingDecision.NOT_RECORD);
    expect(decide(sampler, HIGH_TRACE_ID, sampledParent)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });

  it('When no exporter is configured, then new traces are not recorded but a sampled parent still is', () => {
    const sampler = defaultSampler({ NODE_ENV: 'development' })!;
    expect(decide(sampler, LOW_TRACE_ID)).toBe(SamplingDecision.NOT_RECORD);
    expect(decide(sampler, HIGH_TRACE_ID, sampledParent)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });
});
