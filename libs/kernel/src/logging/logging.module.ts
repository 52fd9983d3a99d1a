import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { AppConfig } from '../config';
import { asyncStdout, logDestination } from './log-destination';
import { redactedPaths, redactUrl } from './redaction';
import { ServiceInfo } from './service-info';

const QUIET_PATHS = ['/health/', '/metrics'];
// Probes and scrapes every few seconds would drown the access log.
const isQuietPath = (req: IncomingMessage) => {
  const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '';
  return QUIET_PATHS.some((p) => url.startsWith(p));
};

/**
 * nestjs-pino for every process. Each request gets a child logger bound to its
 * `requestId` (kept in AsyncLocalStorage by nestjs-pino), so every line written
 * while serving it carries the id; queue jobs bind theirs the same way.
 */
@Module({})
export class LoggingModule {
  /** `secretHeaders`: header names the contexts declare as secret (ContextDescriptor.secretHeaders). */
  static forRoot(service: ServiceInfo, options: { secretHeaders?: readonly string[] } = {}): DynamicModule {
    const redact = redactedPaths(options.secretHeaders);
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => {
            const nodeEnv = config.get('NODE_ENV', { infer: true });
            const format = config.get('LOG_FORMAT', { infer: true }) ?? (nodeEnv === 'development' ? 'pretty' : 'json');
            const destination = logDestination() ?? (format === 'json' ? asyncStdout() : undefined);
            const options = {
              level: config.get('LOG_LEVEL', { infer: true }),
              base: { service: service.name, version: service.version, pid: process.pid },
              redact: { paths: redact, censor: '[REDACTED]' },
              timestamp: () => `,"time":"${new Date().toISOString()}"`,
              messageKey: 'msg',
              // Fastify already chose and validated the id (see request-id.ts).
              genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id: string }).id,
              customAttributeKeys: { reqId: 'requestId' },
              quietReqLogger: true,
              autoLogging: { ignore: isQuietPath },
              serializers: {
                req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
                res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
              },
              transport:
                format === 'pretty' && !destination
                  ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' } }
                  : undefined,
            };
            return {
              forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
              pinoHttp: destination ? ([options, destination] as [typeof options, typeof destination]) : options,
            };
          },
        }),
      ],
    };
  }
}
