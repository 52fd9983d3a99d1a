export * from './payment-status';
export * from './payment-succeeded.domain-event';
export * from './payment-failed.domain-event';
export * from './payment-refunded.domain-event';
export * from './late-charge-detected.domain-event';
export * from './payments.errors';
export * from './payment.entity';
export * from './payment.repository.port';
