export * from './auth-rate-limit.decorator';
export * from './register-rate-limits';
export * from './rate-limit-key-prefix';
export * from './rate-limit.metrics';
