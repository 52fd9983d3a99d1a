export * from './cache.store';
export * from './cache.module';
export * from './cache-key-prefix';
