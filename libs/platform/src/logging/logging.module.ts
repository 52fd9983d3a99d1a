import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { ClsServiceManager } from 'nestjs-cls';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { AppConfig } from '../config';
import { REDACTED_PATHS } from './redaction';
import { ServiceInfo } from './service-info';

const QUIET_PATHS = ['/health/', '/metrics'];

/**
 * nestjs-pino for every process. The request id comes from CLS (set per request
 * and per job), so lines written outside pino-http's scope carry it too.
 */
@Module({})
export class LoggingModule {
  static forRoot(service: ServiceInfo): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const nodeEnv = config.get('NODE_ENV', { infer: true });
        const format = config.get('LOG_FORMAT', { infer: true }) ?? (nodeEnv === 'development' ? 'pretty' : 'json');
        return {
          forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.get('LOG_LEVEL', { infer: true }),
            base: { service: service.name, version: service.version, pid: process.pid },
            redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
            timestamp: () => `,"time":"${new Date().toISOString()}"`,
            messageKey: 'msg',
            // Fastify already chose and validated the id (see request-id.ts).
            genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id: string }).id,
            customAttributeKeys: { reqId: 'requestId' },
            quietReqLogger: true,
            autoLogging: {
              ignore: (req: IncomingMessage) => QUIET_PATHS.some((p) => (req.url ?? '').startsWith(p)),
            },
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            mixin: () => {
              const cls = ClsServiceManager.getClsService();
              const requestId = cls.isActive() ? cls.get<string | undefined>('requestId') : undefined;
              return requestId ? { requestId } : {};
            },
            transport: format === 'pretty' ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' } } : undefined,
          },
        };
      },
    }),
      ],
    };
  }
}
