export * from './notification-type';
export * from './notifications.errors';
export * from './delivery-key';
export * from './notification.entity';
export * from './notification.repository.port';
