/**
 * Test doubles shared by every context's unit tests (imported as
 * `@keel/kernel/testing`, never by production code; excluded from the build).
 */
export * from './in-memory-aggregate.store';
export * from './in-memory-event-outbox';
export * from './in-memory-transactions';
export * from './in-memory-audit-trail';
