export * from './data-source-options';
export * from './database.module';
export * from './typeorm-repository.base';
