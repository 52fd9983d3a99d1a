export * from './idempotent.decorator';
export * from './idempotency.interceptor';
export * from './idempotency.store';
export * from './idempotency.errors';
export * from './idempotent.options';
