export * from './health.module';
export * from './probe-server';
