import { BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { QueueConnection } from '@keel/messaging';
import type { Queue, Worker } from 'bullmq';
import { PAYMENTS_SETTINGS, type PaymentsSettings, ReconcilePendingPaymentsCommand } from '../../application';

/** How often the worker looks for payments stuck PENDING, and how old they must be. */
export const RECONCILE_EVERY_MS = 30_000;
export const RECONCILE_AFTER_MS = 60_000;

/** Its own queue, so a burst of event jobs never delays it and it never delays them. */
export const RECONCILIATION_QUEUE = 'payments-reconciliation';
export const RECONCILIATION_SCHEDULER_ID = 'reconcile-pending-payments';

/**
 * Sends ReconcilePendingPaymentsCommand every RECONCILE_EVERY_MS across all workers together: a
 * BullMQ job scheduler (one per deployment, upserted by id, so every worker
 * booting declares the same one) produces one job per period, and whichever
 * worker takes it runs it. Rows are also locked one by one, so even an overlap
 * (a stalled job handed to another worker) settles each payment once.
 */
@Injectable()
export class ReconciliationScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReconciliationScheduler.name);
  private queue?: Queue;
  private worker?: Worker;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly commands: CommandBus,
    @Inject(PAYMENTS_SETTINGS) private readonly settings: PaymentsSettings,
    private readonly connection: QueueConnection,
  ) {}

  onApplicationBootstrap(): void {
    if (this.adapterHost.httpAdapter) return; // the API does not run background jobs
    if (!this.settings.enabled) return; // nothing is charged, so nothing can be left PENDING
    this.queue = this.connection.createQueue(RECONCILIATION_QUEUE);
    this.queue.on('error', (error) => this.logger.warn({ err: error }, 'Reconciliation queue error'));
    // Not awaited: boot does not wait for the queue backend; the upsert goes through once it is reachable.
    this.queue
      .upsertJobScheduler(
        RECONCILIATION_SCHEDULER_ID,
        { every: RECONCILE_EVERY_MS },
        // One attempt: the next period is the retry. Keep a short history for the dashboard.
        { name: 'reconcile', opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } } },
      )
      .catch((error: unknown) => this.logger.error({ err: error }, 'Could not schedule payment reconciliation'));
    this.worker = this.connection.createWorker(
      RECONCILIATION_QUEUE,
      async () => {
        try {
          return { settled: await this.commands.execute(new ReconcilePendingPaymentsCommand(RECONCILE_AFTER_MS)) };
        } catch (error) {
          this.logger.warn({ err: error }, 'Payment reconciliation failed; the next period tries again');
          throw error;
        }
      },
      { concurrency: 1, lockDuration: 60_000 },
    );
    this.worker.on('error', (error) => this.logger.warn({ err: error }, 'Reconciliation worker error'));
  }

  /** Before the database closes: stop taking runs and let the active one finish. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
  }
}
