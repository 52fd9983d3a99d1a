export * from './outbound-error';
export * from './outbound-policy';
export * from './resilience-metrics';
