export * from './service-version';
export * from './exit-when-orphaned';
export * from './process-role';
export * from './lifecycle-state';
export * from './readiness.registry';
export * from './load-on-first-use';
