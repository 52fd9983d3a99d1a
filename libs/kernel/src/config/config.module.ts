import { DynamicModule, Global, Module, type Type } from '@nestjs/common';
import { ConfigModule as NestConfigModule, ConfigService } from '@nestjs/config';
import { Environment } from './environment.schema';
import { validateEnvironment } from './validate-environment';

/** Typed config: inject `AppConfig` and call `config.get('PORT', { infer: true })`. */
export type AppConfig = ConfigService<Environment, true>;
export const AppConfig = ConfigService;

/**
 * Validation runs when the container is built (a `load` factory), not when this
 * file is imported: entry points call loadEnvironmentOrExit() first, which reads
 * .env and reports every bad variable in one clean message. The contexts'
 * settings classes are validated with the platform's, and their typed values
 * are in the same config: a context reads its own with `ConfigService<ItsSettings, true>`.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(contextSettings: readonly Type<object>[] = []): DynamicModule {
    return {
      module: ConfigModule,
      imports: [
        NestConfigModule.forRoot({
          isGlobal: true,
          cache: true,
          ignoreEnvFile: true,
          // Typed, validated values only; raw process.env strings never shadow them.
          skipProcessEnv: true,
          load: [() => ({ ...validateEnvironment(process.env, contextSettings) })],
        }),
      ],
    };
  }
}
