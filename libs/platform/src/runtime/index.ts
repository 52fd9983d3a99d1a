export * from './graceful-shutdown';
export * from './metrics-collectors';
export * from './queue-dashboard';
