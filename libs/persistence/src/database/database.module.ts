import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@keel/kernel';
import { buildDataSourceOptions } from './data-source-options';

/**
 * The primary PostgreSQL connection. Contexts register their ORM entities with
 * `TypeOrmModule.forFeature`; schema changes happen only through migrations.
 */
@Module({})
export class DatabaseModule {
  static forRoot(applicationName: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            ...buildDataSourceOptions({
              url: config.get('DATABASE_URL', { infer: true }),
              applicationName,
              poolMax: config.get('DATABASE_POOL_MAX', { infer: true }),
              statementTimeoutMs: config.get('DATABASE_STATEMENT_TIMEOUT_MS', { infer: true }),
            }),
            autoLoadEntities: true,
            // Boot must not hang on a dead database; readiness reports it instead.
            retryAttempts: 3,
            retryDelay: 1000,
          }),
        }),
      ],
    };
  }
}
