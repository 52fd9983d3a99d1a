export * from './graceful-shutdown';
export * from './service-version';
