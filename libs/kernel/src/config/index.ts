export * from './environment.schema';
export * from './validate-environment';
export * from './load-environment';
export * from './development-secrets';
export * from './config.module';
