import { DynamicModule, Global, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { ClsModule } from 'nestjs-cls';
import { TerminusModule } from '@nestjs/terminus';
import { MetricsCollectors } from './metrics-collectors';
import { CqrsTracing } from '@keel/observability';
import { AuthModule } from '@keel/http';
import { CommandsModule, MessagingModule } from '@keel/messaging';
import {
  ConfigModule,
  type ContextDescriptor,
  REGISTERED_CONTEXTS,
  settingsOf,
  PROCESS_ROLE,
  LoggingModule,
  ServiceInfo,
} from '@keel/kernel';
import { AuditModule, DatabaseModule, ReadReplicasModule, ReadRoutingTypeOrmAdapter } from '@keel/persistence';
import { StorageModule } from '@keel/storage';
import { HealthModule } from './health';

export interface PlatformOptions {
  service: ServiceInfo;
  /** HTTP-serving processes get auth guards. */
  http?: boolean;
  /** The worker runs the outbox relay and the event consumers. */
  worker?: boolean;
  /**
   * The bounded contexts this process runs (the root `contexts.ts`): their
   * settings are validated with the platform's, their secret headers redacted
   * from logs, their tags and security schemes added to the API document.
   * The app module imports their Nest modules (`contextModules`).
   */
  contexts?: readonly ContextDescriptor[];
}

/**
 * Everything a process needs before any bounded context: validated config,
 * logging with request ids, the database with ambient transactions, CQRS
 * buses, health and (for HTTP apps) authentication. Import once, in the app module.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const contexts = options.contexts ?? [];
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forRoot(settingsOf(contexts)),
        ClsModule.forRoot({
          global: true,
          // Entered per request by a Fastify onRequest hook (libs/http/src/request-context.hook.ts), per job by the
          // consumer worker: no Nest middleware, so no request goes through @fastify/middie.
          plugins: [
            new ClsPluginTransactional({
              imports: [TypeOrmModule],
              // The TypeORM adapter, plus read routing: inside a replica read scope `txHost.tx` is the replica (ADR 0009).
              adapter: new ReadRoutingTypeOrmAdapter({ dataSourceToken: getDataSourceToken() }),
              enableTransactionProxy: false,
            }),
          ],
        }),
        LoggingModule.forRoot(options.service, { secretHeaders: contexts.flatMap((c) => c.secretHeaders ?? []) }),
        DatabaseModule.forRoot(options.service.name),
        // Read replicas serve the read-only requests of HTTP apps; jobs and commands always use the primary.
        ...(options.http ? [ReadReplicasModule.forRoot(options.service.name)] : []),
        // The audit trail (AuditTrail port), for any handler to inject.
        AuditModule,
        CqrsModule.forRoot(),
        // Every command through one pipeline: its transaction, and an Idempotency-Key claimed inside it.
        CommandsModule,
        HealthModule,
        TerminusModule,
        // Object storage for every context (product images, invoices); degraded, never unready, when down.
        StorageModule,
        MessagingModule.forRoot({ worker: options.worker ?? false }),
        AuthModule.forRoot({ guards: options.http ?? false }),
      ],
      providers: [
        { provide: PROCESS_ROLE, useValue: options.worker ? 'worker' : 'api' },
        { provide: REGISTERED_CONTEXTS, useValue: contexts },
        MetricsCollectors,
        CqrsTracing,
      ],
      exports: [CqrsModule, PROCESS_ROLE, REGISTERED_CONTEXTS],
    };
  }
}
