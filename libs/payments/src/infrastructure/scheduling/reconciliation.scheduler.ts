import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { PAYMENTS_SETTINGS, type PaymentsSettings, ReconcilePendingPaymentsService } from '../../application';

/** How often the worker looks for payments stuck PENDING, and how old they must be. */
export const RECONCILE_EVERY_MS = 30_000;
export const RECONCILE_AFTER_MS = 60_000;

/**
 * Runs reconciliation in the worker (the process without an HTTP server),
 * every RECONCILE_EVERY_MS. Rows are locked one by one, so several workers
 * doing it at once settle each payment once.
 */
@Injectable()
export class ReconciliationScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReconciliationScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly reconcile: ReconcilePendingPaymentsService,
    @Inject(PAYMENTS_SETTINGS) private readonly settings: PaymentsSettings,
  ) {}

  onApplicationBootstrap(): void {
    if (this.adapterHost.httpAdapter) return; // the API does not run background jobs
    if (!this.settings.enabled) return; // nothing is charged, so nothing can be left PENDING
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.reconcile
        .run(RECONCILE_AFTER_MS)
        .catch((error: unknown) => this.logger.warn({ err: error }, 'Payment reconciliation failed; will try again'))
        .finally(() => (this.running = undefined));
    }, RECONCILE_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
