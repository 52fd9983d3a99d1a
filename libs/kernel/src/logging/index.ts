export * from './logging.module';
export * from './redaction';
export * from './service-info';
export * from './log-destination';
export * from './request-context';
