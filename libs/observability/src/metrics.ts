import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Every Keel metric, defined once (docs/observability/metrics.md). Module-level
 * so any layer can record without plumbing; one registry per process.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

/** 1 ms … 10 s: fine resolution where SLOs live (10–500 ms) so p50/p95/p99 are accurate. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const httpRequestDuration = new Histogram({
  name: 'http_server_request_duration_seconds',
  help: 'Duration of HTTP requests by method, route template and status code',
  labelNames: ['method', 'route', 'status_code'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

export const httpRequestsInFlight = new Gauge({
  name: 'http_server_requests_in_flight',
  help: 'HTTP requests being served',
  registers: [metricsRegistry],
});

export const readyGauge = new Gauge({
  name: 'keel_ready',
  help: '1 when the instance is ready to serve, else 0',
  registers: [metricsRegistry],
});

export const dbPoolConnections = new Gauge({
  name: 'keel_db_pool_connections',
  help: 'PostgreSQL pool connections by state (total, idle, waiting callers)',
  labelNames: ['state'] as const,
  registers: [metricsRegistry],
});

export const dbPoolMax = new Gauge({
  name: 'keel_db_pool_max_connections',
  help: 'PostgreSQL pool size limit',
  registers: [metricsRegistry],
});

export const dbQueryDuration = new Histogram({
  name: 'keel_db_query_duration_seconds',
  help: 'SQL statement duration by operation',
  labelNames: ['operation'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

export const dbReads = new Counter({
  name: 'keel_db_reads_total',
  help: 'Read-side queries by where they ran (replica or primary) and why',
  labelNames: ['target', 'reason'] as const,
  registers: [metricsRegistry],
});

export const dbReplicaLag = new Gauge({
  name: 'keel_db_replica_lag_seconds',
  help: 'Estimated replay lag of each read replica behind the primary (-1 while it cannot be probed)',
  labelNames: ['replica'] as const,
  registers: [metricsRegistry],
});

export const dbReplicaUp = new Gauge({
  name: 'keel_db_replica_up',
  help: '1 when the read replica takes reads (answers and lags less than REPLICA_MAX_LAG_MS), else 0',
  labelNames: ['replica'] as const,
  registers: [metricsRegistry],
});

export const queueJobs = new Gauge({
  name: 'keel_queue_jobs',
  help: 'Jobs per queue and state (failed = dead-lettered)',
  labelNames: ['queue', 'state'] as const,
  registers: [metricsRegistry],
});

export const queueOldestWaitingAge = new Gauge({
  name: 'keel_queue_oldest_waiting_job_age_seconds',
  help: 'Age of the oldest waiting job per queue',
  labelNames: ['queue'] as const,
  registers: [metricsRegistry],
});

export const queueJobDuration = new Histogram({
  name: 'keel_queue_job_duration_seconds',
  help: 'Processing time of each job attempt',
  labelNames: ['queue', 'consumer'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

export const queueJobsCompleted = new Counter({
  name: 'keel_queue_jobs_completed_total',
  help: 'Job attempts that succeeded',
  labelNames: ['queue', 'consumer'] as const,
  registers: [metricsRegistry],
});

export const queueJobsFailed = new Counter({
  name: 'keel_queue_jobs_failed_total',
  help: 'Job attempts that failed, by error class',
  labelNames: ['queue', 'consumer', 'error'] as const,
  registers: [metricsRegistry],
});

export const queueJobsRetried = new Counter({
  name: 'keel_queue_jobs_retried_total',
  help: 'Failed job attempts that will be retried',
  labelNames: ['queue', 'consumer'] as const,
  registers: [metricsRegistry],
});

export const queueJobsDeadLettered = new Counter({
  name: 'keel_queue_jobs_dead_lettered_total',
  help: 'Jobs that failed their last attempt',
  labelNames: ['queue', 'consumer'] as const,
  registers: [metricsRegistry],
});

export const outboxUnsent = new Gauge({
  name: 'keel_outbox_unsent_events',
  help: 'Outbox rows not yet relayed',
  registers: [metricsRegistry],
});

export const outboxOldestAge = new Gauge({
  name: 'keel_outbox_oldest_unsent_age_seconds',
  help: 'Age of the oldest unsent outbox row',
  registers: [metricsRegistry],
});

export const outboxRelayed = new Counter({
  name: 'keel_outbox_relayed_events_total',
  help: 'Outbox rows relayed to queues',
  registers: [metricsRegistry],
});

export const cacheRequests = new Counter({
  name: 'keel_cache_requests_total',
  help: 'Cache lookups by result',
  labelNames: ['cache', 'result'] as const,
  registers: [metricsRegistry],
});

const refreshers = new Set<() => Promise<void>>();

/** Gauges read from elsewhere (pool, queues, outbox) are refreshed just before each scrape. */
export function onScrape(refresh: () => Promise<void>): () => void {
  refreshers.add(refresh);
  return () => refreshers.delete(refresh);
}

/**
 * The Prometheus exposition. prom-client names some gauges `*_total`
 * (`nodejs_active_handles_total`…), which `promtool check metrics` rejects
 * because `_total` means counter: they are exposed as `nodejs_active_*_all`
 * (the plain names are taken by the per-type breakdowns).
 */
export async function renderMetrics(): Promise<string> {
  await Promise.allSettled([...refreshers].map((refresh) => refresh()));
  const text = await metricsRegistry.metrics();
  return text.replace(/\bnodejs_active_(handles|requests|resources)_total\b/g, 'nodejs_active_$1_all');
}
