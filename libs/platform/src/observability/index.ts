export * from './metrics';
export * from './http-metrics';
export * from './metrics-server';
export * from './db-query-metrics';
export * from './tracing/cqrs-tracing';
export * from './tracing/tracing-shutdown';
