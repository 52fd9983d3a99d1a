export * from './feature-flag';
export * from './feature-flags.port';
export * from './feature-flags.errors';
export * from './feature-flags.module';
export * from './feature-flags.runtime';
export * from './database-feature-flag.provider';
export { FEATURE_FLAGS_MIGRATIONS, FEATURE_FLAGS_ORM_ENTITIES } from './persistence';
