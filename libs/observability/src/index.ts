/**
 * @keel/observability — may import @keel/kernel only.
 * The Prometheus registry and metric definitions, the /metrics route and server,
 * HTTP and pg query timing hooks, tracing (the `--require` preload is
 * `tracing/register`, deliberately not exported here), and `OutboundPolicy`
 * (`resilience/`). Low in the order because every layer above records metrics.
 */
export * from './metrics';
export * from './http-metrics';
export * from './metrics-server';
export * from './db-query-metrics';
export * from './tracing/cqrs-tracing';
export * from './tracing/http-server-spans';
export * from './tracing/tracing-shutdown';
export * from './resilience';
