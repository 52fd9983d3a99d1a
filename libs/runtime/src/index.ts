/**
 * @keel/runtime — the top platform lib; may import every other one.
 * What reads every layer: `PlatformModule` (assembles the platform for a
 * process), health endpoints and the probe server, graceful shutdown, the
 * scrape-time metric collectors, the queue dashboard, feature flags, and the
 * heap sizing every start path applies (memory/heap-size.ts).
 */
export * from './platform.module';
export * from './health';
export * from './graceful-shutdown';
export * from './metrics-collectors';
export * from './queue-dashboard';
export * from './feature-flags';
export * from './memory/heap-size';
export * from './audit';
export * from './admin-session';
