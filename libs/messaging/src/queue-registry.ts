import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { ConsumerRegistry } from './consumer-registry';
import { QueueConnection } from './queue-connection';
import { DEFAULT_JOB_ATTEMPTS, RETRY_BACKOFF_TYPE } from './retry-backoff';

/**
 * One BullMQ Queue (producer side) per consumer queue, created lazily and
 * closed at shutdown. Default job options live here: capped exponential backoff
 * with jitter (retry-backoff.ts), and retention so completed jobs expire and failed ones (the
 * dead-letter state) stay visible for an operator to inspect and retry.
 */
@Injectable()
export class QueueRegistry implements OnApplicationShutdown {
  private readonly queues = new Map<string, Queue>();

  constructor(
    private readonly connection: QueueConnection,
    private readonly consumers: ConsumerRegistry,
  ) {}

  get(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = this.connection.createQueue(name, {
        defaultJobOptions: {
          attempts: DEFAULT_JOB_ATTEMPTS,
          backoff: { type: RETRY_BACKOFF_TYPE },
          removeOnComplete: { age: 24 * 3600, count: 10_000 },
          removeOnFail: { age: 14 * 24 * 3600 },
        },
      });
      queue.on('error', () => undefined); // surfaced through readiness; avoid unhandled 'error' events
      this.queues.set(name, queue);
    }
    return queue;
  }

  all(): Queue[] {
    return this.consumers.queueNames().map((name) => this.get(name));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
  }
}
