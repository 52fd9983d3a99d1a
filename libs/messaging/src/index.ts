/**
 * @keel/messaging — may import @keel/kernel, @keel/observability and @keel/persistence.
 * The transactional outbox (publisher, relay), the inbox, event consumers and
 * their BullMQ queues, the platform's own tables (`persistence/`), and the
 * command pipeline that runs each command in one transaction and claims its
 * Idempotency-Key (`commands/`).
 */
export * from './event-envelope';
export * from './integration-event-handler';
export * from './event-consumer.decorator';
export * from './outbox.publisher';
export * from './persistence';
export * from './messaging.module';
export * from './queue-registry';
export * from './consumer-registry';
export * from './queue-connection';
export * from './outbox.relay';
export * from './inbox.processor';
export * from './commands';
export * from './queue-schema';
