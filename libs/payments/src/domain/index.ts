export * from './payment-status';
export * from './payment.events';
export * from './payment.errors';
export * from './payment.entity';
export * from './payment.repository.port';
