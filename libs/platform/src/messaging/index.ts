export * from './event-envelope';
export * from './integration-event-handler';
export * from './event-consumer.decorator';
export * from './outbox.publisher';
export * from './persistence';
