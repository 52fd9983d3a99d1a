import { DynamicModule, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@keel/kernel';
import { databaseKeyPrefix } from './database-key-prefix';
import { ReadRouter } from './read-router';
import { runOnPrimary } from './read-target.context';
import { ReadYourWritesInterceptor } from './read-your-writes.interceptor';
import { WritePositionStore } from './write-positions.store';

const ROUTED = Symbol.for('keel.cqrs.readRouted');

type Bus = { execute: (message: object, ...rest: unknown[]) => Promise<unknown> } & Record<symbol, boolean>;

/**
 * Routes the query bus through the ReadRouter and pins the command bus to the
 * primary, then keeps the replicas probed while the app runs. Query handlers
 * do not change: their repositories follow the ambient target.
 */
@Injectable()
class ReadRoutingLifecycle implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly router: ReadRouter,
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  onModuleInit(): void {
    if (!this.router.enabled) return;
    patch(this.queries as unknown as Bus, (run) => this.router.route(run));
    // Whatever a command reads (prices, stock, its aggregate) must be current: always the primary.
    patch(this.commands as unknown as Bus, (run) => runOnPrimary(run));
    // Sessions issued during a request count as writers too: AccessTokenService.issue calls noteWriter.
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.router.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.router.stop();
  }
}

function patch(bus: Bus, around: (run: () => Promise<unknown>) => Promise<unknown>): void {
  if (bus[ROUTED]) return;
  bus[ROUTED] = true;
  const execute = bus.execute.bind(bus);
  bus.execute = (message: object, ...rest: unknown[]) => around(() => execute(message, ...rest));
}

/**
 * Read replicas for an HTTP app (DATABASE_REPLICA_URLS, REPLICA_MAX_LAG_MS),
 * with read-your-writes (ADR 0009). Without replica URLs it does nothing.
 */
@Module({})
export class ReadReplicasModule {
  static forRoot(applicationName: string): DynamicModule {
    return {
      module: ReadReplicasModule,
      providers: [
        {
          provide: WritePositionStore,
          inject: [AppConfig],
          useFactory: (config: AppConfig) => {
            const maxLagMs = config.get('REPLICA_MAX_LAG_MS', { infer: true });
            return new WritePositionStore({
              redisUrl: config.get('REDIS_URL', { infer: true }),
              keyPrefix: databaseKeyPrefix('ryw', config.get('DATABASE_URL', { infer: true })),
              // Past this, every replica still in use has replayed the write anyway (it lags less than maxLag).
              ttlMs: Math.max(60_000, 10 * maxLagMs),
            });
          },
        },
        {
          provide: ReadRouter,
          inject: [AppConfig, getDataSourceToken(), WritePositionStore],
          useFactory: (config: AppConfig, primary: DataSource, store: WritePositionStore) =>
            new ReadRouter(primary, store, {
              replicaUrls: config.get('DATABASE_REPLICA_URLS', { infer: true }) ?? [],
              primaryOptions: primary.options,
              applicationName: `${applicationName}-replica`,
              maxLagMs: config.get('REPLICA_MAX_LAG_MS', { infer: true }),
            }),
        },
        ReadRoutingLifecycle,
        {
          // Only with replicas: without them the interceptor has nothing to do, and a route with no
          // interceptor at all skips Nest's interceptor chain (an Observable per request). Nest skips
          // a global enhancer whose factory returns null.
          provide: APP_INTERCEPTOR,
          inject: [ReadRouter],
          useFactory: (router: ReadRouter) => (router.enabled ? new ReadYourWritesInterceptor(router) : null),
        },
      ],
      exports: [ReadRouter],
    };
  }
}
