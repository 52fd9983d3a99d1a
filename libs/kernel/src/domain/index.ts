export * from './domain-error';
export * from './domain-event';
export * from './aggregate-root';
export * from './guard';
export * from './role';
export * from './money';
