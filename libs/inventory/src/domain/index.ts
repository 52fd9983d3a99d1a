export * from './inventory.errors';
export * from './stock-item.entity';
export * from './reservation.entity';
export * from './stock-reserved.domain-event';
export * from './stock-rejected.domain-event';
export * from './stock-item.repository.port';
export * from './reservation.repository.port';
