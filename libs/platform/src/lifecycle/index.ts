export * from './graceful-shutdown';
export * from './service-version';
export * from './exit-when-orphaned';
export * from './process-role';
