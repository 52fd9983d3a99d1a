export * from './health.module';
export * from './lifecycle-state';
export * from './readiness.registry';
export * from './probe-server';
