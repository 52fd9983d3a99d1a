import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PgNotificationListener } from '@keel/persistence';
import { StockLevelCache } from '../../application';
import { STOCK_CHANGES_CHANNEL } from './stock-changes.channel';

const HEARTBEAT_MS = 5_000;

/**
 * This instance's LISTEN session for committed stock changes: each
 * notification deletes the product's cached level. Runs in every API and
 * worker instance; the worker's copy matters when no API instance is up to
 * hear a reservation. Started in onModuleInit, before the HTTP server and the
 * queue consumers, so this instance's own first changes are heard.
 */
@Injectable()
export class StockChangesListener implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(StockChangesListener.name);
  private listener?: PgNotificationListener;

  constructor(
    private readonly cache: StockLevelCache,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    const url = (this.dataSource.options as { url?: string }).url;
    if (!url) {
      // Without a LISTEN session nothing tells this instance about changes: stock stays uncached (correct, slower).
      this.logger.warn('No DATABASE_URL to LISTEN with; stock levels are read from the database on every request');
      return;
    }
    this.listener = new PgNotificationListener({
      connectionString: url,
      channel: STOCK_CHANGES_CHANNEL,
      applicationName: 'keel-stock-listener',
      what: 'stock changes',
      meanwhile: 'stock is read from the database',
      onNotification: (payload) => this.onNotification(payload),
      onListening: ({ afterGap }) => this.cache.listeningStarted(afterGap),
      onLost: () => this.cache.listeningStopped(),
      // A silently dead session would leave the cache trusted while deaf: prove it hears, every few seconds.
      heartbeatMs: HEARTBEAT_MS,
    });
    await this.listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener?.stop();
    this.cache.listeningStopped();
  }

  /** `<productId>` or `<productId> <tag>` (see the trigger). */
  private onNotification(payload: string): void {
    const [productId, tag] = payload.split(' ', 2);
    if (!productId) return;
    // CacheStore.delete logs and counts its own failures; the entry then expires with its TTL.
    void this.cache
      .changed(productId, tag)
      .catch((error: unknown) => this.logger.error({ err: error, productId }, 'Stock cache invalidation failed'));
  }
}
