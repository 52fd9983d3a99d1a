/** Public surface of the notifications context: its module and what ormconfig needs. Other contexts use ./contracts only. */
export { NotificationsModule } from './notifications.module';
export { NOTIFICATIONS_MIGRATIONS, NOTIFICATIONS_ORM_ENTITIES } from './infrastructure/persistence';
