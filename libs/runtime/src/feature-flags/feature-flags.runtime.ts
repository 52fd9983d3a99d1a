import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Client, NOOP_PROVIDER, OpenFeature } from '@openfeature/server-sdk';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DatabaseFeatureFlagProvider } from './database-feature-flag.provider';
import { FeatureFlagChangeListener } from './feature-flag-change.listener';
import { FeatureFlagStore } from './feature-flag.store';

/** Safety net behind NOTIFY: the longest a missed notification can leave an instance on old values. */
export const FEATURE_FLAGS_REFRESH_INTERVAL_MS = 30_000;

/**
 * Wires the database provider into OpenFeature for this process and keeps its
 * snapshot fresh: LISTEN/NOTIFY for changes as they commit, plus a periodic
 * refresh. The provider is bound to a domain of its own (not OpenFeature's
 * global default), so several Nest applications in one process (API and
 * worker in tests) each keep their own provider and lifecycle.
 */
@Injectable()
export class FeatureFlagsRuntime implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('FeatureFlags');
  private readonly domain = `keel-feature-flags-${randomUUID()}`;
  readonly provider: DatabaseFeatureFlagProvider;
  private listener?: FeatureFlagChangeListener;
  private timer?: NodeJS.Timeout;
  private openFeatureClient?: Client;

  constructor(
    store: FeatureFlagStore,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.provider = new DatabaseFeatureFlagProvider(store, this.logger);
  }

  /** The OpenFeature client bound to this process's provider; undefined before init (callers then use their default). */
  get client(): Client | undefined {
    return this.openFeatureClient;
  }

  async onModuleInit(): Promise<void> {
    const url = (this.dataSource.options as { url?: string }).url;
    if (url) {
      this.listener = new FeatureFlagChangeListener(url, () => this.refreshInBackground());
      await this.listener.start();
    }
    try {
      // Listening first: a change committed during the initial load is not lost.
      await OpenFeature.setProviderAndWait(this.domain, this.provider);
    } catch (error) {
      // Not fatal: callers get their defaults until the periodic refresh reaches the database.
      this.logger.error({ err: error }, 'Feature flags could not be loaded; evaluations return their defaults until they can');
    }
    this.openFeatureClient = OpenFeature.getClient(this.domain);
    this.timer = setInterval(() => this.refreshInBackground(), FEATURE_FLAGS_REFRESH_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.listener?.stop();
    // Unbinds (and closes) our provider, so a stopped application leaves nothing behind in the process-wide SDK.
    await OpenFeature.setProviderAndWait(this.domain, NOOP_PROVIDER).catch(() => undefined);
  }

  /** Reloads the snapshot now; resolves once every change committed before the call is visible here. */
  refresh(): Promise<void> {
    return this.provider.refresh();
  }

  private refreshInBackground(): void {
    // The provider logs the first failure and serves its last snapshot meanwhile.
    this.provider.refresh().catch(() => undefined);
  }
}
