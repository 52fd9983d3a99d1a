import { Gauge, Histogram } from 'prom-client';
import { LATENCY_BUCKETS, metricsRegistry } from '../metrics';

export const circuitBreakerState = new Gauge({
  name: 'keel_circuit_breaker_state',
  help: 'Circuit breaker per provider: 0 closed, 1 half-open, 2 open',
  labelNames: ['provider'] as const,
  registers: [metricsRegistry],
});

export const outboundRequestDuration = new Histogram({
  name: 'keel_outbound_request_duration_seconds',
  help: 'Calls to external providers by operation and outcome (one observation per attempt)',
  labelNames: ['provider', 'operation', 'outcome'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});
