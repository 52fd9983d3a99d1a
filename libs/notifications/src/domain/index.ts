export * from './notification-type';
export * from './notification.errors';
export * from './delivery-key';
export * from './notification.entity';
export * from './notification.repository.port';
