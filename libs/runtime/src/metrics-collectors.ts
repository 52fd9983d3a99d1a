import { Inject, Injectable, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthCheckService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CacheStore } from '@keel/persistence';
import { AppConfig, LifecycleState, ReadinessRegistry, PROCESS_ROLE, type ProcessRole } from '@keel/kernel';
import { QueueRegistry } from '@keel/messaging';
import {
  instrumentPgQueries,
  cacheRequests,
  dbPoolConnections,
  dbPoolMax,
  onScrape,
  outboxOldestAge,
  outboxUnsent,
  queueJobs,
  queueOldestWaitingAge,
  readyGauge,
} from '@keel/observability';

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/**
 * Reads the gauges that live elsewhere (readiness, pool, queues, outbox, cache)
 * at scrape time. Queue and outbox gauges come from the worker only, so a
 * cluster-wide sum does not count them once per API instance.
 */
@Injectable()
export class MetricsCollectors implements OnModuleInit, OnModuleDestroy {
  private readonly unregister: Array<() => void> = [];
  private lastCache = { hits: 0, misses: 0 };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly lifecycle: LifecycleState,
    private readonly readiness: ReadinessRegistry,
    private readonly health: HealthCheckService,
    private readonly queues: QueueRegistry,
    private readonly moduleRef: ModuleRef,
    @Optional() @Inject(PROCESS_ROLE) private readonly role: ProcessRole = 'api',
  ) {}

  onModuleInit(): void {
    instrumentPgQueries();
    dbPoolMax.set(this.config.get('DATABASE_POOL_MAX', { infer: true }));
    this.unregister.push(
      onScrape(() => this.readinessGauge()),
      onScrape(async () => this.pool()),
      onScrape(async () => this.cache()),
    );
    if (this.role === 'worker')
      this.unregister.push(
        onScrape(() => this.queueGauges()),
        onScrape(() => this.outbox()),
      );
  }

  onModuleDestroy(): void {
    for (const off of this.unregister) off();
  }

  private async readinessGauge(): Promise<void> {
    if (this.lifecycle.isShuttingDown) return void readyGauge.set(0);
    try {
      await this.health.check(this.readiness.all());
      readyGauge.set(1);
    } catch {
      readyGauge.set(0);
    }
  }

  private pool(): void {
    const pool = (this.dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } }).master;
    if (!pool) return;
    dbPoolConnections.set({ state: 'total' }, pool.totalCount);
    dbPoolConnections.set({ state: 'idle' }, pool.idleCount);
    dbPoolConnections.set({ state: 'waiting' }, pool.waitingCount);
  }

  private cache(): void {
    const store = this.moduleRef.get(CacheStore, { strict: false, each: false } as never) as CacheStore | undefined;
    if (!store) return;
    const stats = store.stats();
    const hits = stats.localHits + stats.remoteHits;
    cacheRequests.inc({ cache: 'products', result: 'hit' }, Math.max(0, hits - this.lastCache.hits));
    cacheRequests.inc({ cache: 'products', result: 'miss' }, Math.max(0, stats.misses - this.lastCache.misses));
    this.lastCache = { hits, misses: stats.misses };
  }

  private async queueGauges(): Promise<void> {
    await Promise.all(
      this.queues.all().map(async (queue) => {
        const counts = await queue.getJobCounts(...JOB_STATES);
        for (const state of JOB_STATES) queueJobs.set({ queue: queue.name, state }, counts[state] ?? 0);
        const [oldest] = await queue.getWaiting(0, 0);
        queueOldestWaitingAge.set({ queue: queue.name }, oldest ? Math.max(0, (Date.now() - oldest.timestamp) / 1000) : 0);
      }),
    );
  }

  private async outbox(): Promise<void> {
    const [row]: Array<{ unsent: number; age: number | null }> = await this.dataSource.query(
      `SELECT count(*)::int AS unsent, EXTRACT(EPOCH FROM now() - min(occurred_at))::float AS age FROM platform.outbox WHERE sent_at IS NULL`,
    );
    outboxUnsent.set(row?.unsent ?? 0);
    outboxOldestAge.set(row?.age ?? 0);
  }
}
