/**
 * @keel/kernel — the lowest platform lib; imports no other.
 * DDD base classes and the error taxonomy (`domain/`, also importable alone as
 * `@keel/kernel/domain`, the only platform code a context's domain may import),
 * the context descriptor, env validation and loading (`config/`), pino setup
 * (`logging/`), process-wide state (`lifecycle/`) and `withDeadline` (`time/`).
 * `@keel/kernel/testing` (in-memory fakes for unit specs) is not exported here.
 */
export * from './context-descriptor';
export * from './domain';
export * from './time';
export * from './config';
export * from './logging';
export * from './lifecycle';
export * from './audit';
export * from './caching';
