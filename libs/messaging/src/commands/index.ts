export * from './command-handler.decorators';
export * from './command-pipeline';
export * from './commands.module';
export * from './idempotency/idempotency.errors';
export * from './idempotency/idempotency.store';
export * from './idempotency/idempotent-request';
