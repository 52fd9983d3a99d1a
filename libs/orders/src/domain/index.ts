export * from './order-status';
export * from './order-item.value-object';
export * from './payment-choice.value-object';
export * from './order.errors';
export * from './order.events';
export * from './order.entity';
export * from './order.repository.port';
