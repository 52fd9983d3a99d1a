export * from './data-source-options';
export * from './database.module';
export * from './typeorm-repository.base';
export * from './event-outbox.port';
export * from './read-replicas.module';
export * from './read-router';
export * from './read-routing.adapter';
export { noteWriter, runOnPrimary } from './read-target.context';
export * from './pg-notification.listener';
