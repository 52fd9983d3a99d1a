export * from './idempotent.decorator';
export * from './idempotency.interceptor';
export * from './idempotent.options';
