import { DynamicModule, Module } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { LoggerModule, PARAMS_PROVIDER_TOKEN, type Params } from 'nestjs-pino';
import pino, { type Logger as PinoInstance } from 'pino';
import { AppConfig } from '../config';
import { asyncStdout, logDestination } from './log-destination';
import { redactedPaths } from './redaction';
import { requestIdMixin } from './request-context';
import { ServiceInfo } from './service-info';

/** The process's one pino logger: what nestjs-pino's Logger writes through, and the HTTP access log (libs/http/src/access-log.ts). */
export const ROOT_LOGGER = Symbol.for('keel.rootLogger');
export type RootLogger = PinoInstance;

/**
 * nestjs-pino for every process, over one pino logger built here. Every line
 * carries the current request's or job's `requestId` through pino's `mixin`
 * (read from the request context, see request-context.ts) and, with tracing
 * preloaded, its traceId and spanId (OpenTelemetry's pino instrumentation adds
 * its own mixin). nestjs-pino mounts no middleware (`forRoutes: []`): the
 * access log is a Fastify onResponse hook, so no request goes through middie
 * or builds a child logger.
 */
@Module({})
export class LoggingModule {
  /** `secretHeaders`: header names the contexts declare as secret (ContextDescriptor.secretHeaders). */
  static forRoot(service: ServiceInfo, options: { secretHeaders?: readonly string[] } = {}): DynamicModule {
    const redact = redactedPaths(options.secretHeaders);
    return {
      module: LoggingModule,
      global: true,
      imports: [
        LoggerModule.forRootAsync({
          inject: [AppConfig, ClsService],
          useFactory: (config: AppConfig, cls: ClsService): Params => {
            const nodeEnv = config.get('NODE_ENV', { infer: true });
            const format = config.get('LOG_FORMAT', { infer: true }) ?? (nodeEnv === 'development' ? 'pretty' : 'json');
            const destination = logDestination() ?? (format === 'json' ? asyncStdout() : undefined);
            const options: pino.LoggerOptions = {
              level: config.get('LOG_LEVEL', { infer: true }),
              base: { service: service.name, version: service.version, pid: process.pid },
              redact: { paths: redact, censor: '[REDACTED]' },
              timestamp: () => `,"time":"${new Date().toISOString()}"`,
              messageKey: 'msg',
              mixin: requestIdMixin(cls),
              transport:
                format === 'pretty' && !destination
                  ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' } }
                  : undefined,
            };
            const logger = destination ? pino(options, destination) : pino(options);
            return { forRoutes: [], pinoHttp: { logger } };
          },
        }),
      ],
      providers: [
        {
          provide: ROOT_LOGGER,
          inject: [PARAMS_PROVIDER_TOKEN],
          useFactory: (params: Params) => (params.pinoHttp as { logger: RootLogger }).logger,
        },
      ],
      exports: [ROOT_LOGGER],
    };
  }
}
