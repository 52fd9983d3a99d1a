import { BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { QueueConnection } from '@keel/messaging';
import type { Queue, Worker } from 'bullmq';
import { RemoveAbandonedUploadsCommand } from '../../application';

/** Uploads still PENDING after a day were abandoned; the sweep runs hourly. */
export const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;
export const SWEEP_EVERY_MS = 60 * 60 * 1000;
export const IMAGE_CLEANUP_QUEUE = 'catalog-image-cleanup';
export const IMAGE_CLEANUP_SCHEDULER_ID = 'remove-abandoned-image-uploads';

/**
 * Runs RemoveAbandonedUploadsCommand every SWEEP_EVERY_MS across all workers
 * together (one BullMQ job scheduler per deployment, as payments' reconciliation).
 */
@Injectable()
export class AbandonedUploadsScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AbandonedUploadsScheduler.name);
  private queue?: Queue;
  private worker?: Worker;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly commands: CommandBus,
    private readonly connection: QueueConnection,
  ) {}

  onApplicationBootstrap(): void {
    if (this.adapterHost.httpAdapter) return; // the API does not run background jobs
    this.queue = this.connection.createQueue(IMAGE_CLEANUP_QUEUE);
    this.queue.on('error', (error) => this.logger.warn({ err: error }, 'Image cleanup queue error'));
    this.queue
      .upsertJobScheduler(
        IMAGE_CLEANUP_SCHEDULER_ID,
        { every: SWEEP_EVERY_MS },
        { name: 'sweep', opts: { attempts: 1, removeOnComplete: { count: 50 }, removeOnFail: { count: 50 } } },
      )
      .catch((error: unknown) => this.logger.error({ err: error }, 'Could not schedule the image upload cleanup'));
    this.worker = this.connection.createWorker(
      IMAGE_CLEANUP_QUEUE,
      async () => ({ removed: await this.commands.execute(new RemoveAbandonedUploadsCommand(ABANDONED_AFTER_MS)) }),
      { concurrency: 1, lockDuration: 60_000 },
    );
    this.worker.on('error', (error) => this.logger.warn({ err: error }, 'Image cleanup worker error'));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
  }
}
