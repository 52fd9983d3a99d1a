import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, withDeadline } from '@keel/kernel';
import { PgNotificationListener } from '@keel/persistence';
import { outboxRelayed } from '@keel/observability';
import { ConsumerRegistry } from './consumer-registry';
import type { EventEnvelope } from './event-envelope';
import { OUTBOX_CHANNEL } from './outbox.publisher';
import { QueueRegistry } from './queue-registry';
import { Wakeup } from './wakeup';

interface OutboxRow {
  id: string;
  event_name: string;
  aggregate_id: string;
  payload: unknown;
  occurred_at: Date;
  request_id: string | null;
  traceparent: string | null;
}

const BATCH_SIZE = 200;
const ENQUEUE_DEADLINE_MS = 5_000;

export interface JobData {
  consumer: string;
  envelope: EventEnvelope;
}

/**
 * Moves committed outbox rows to the queue of every consumer subscribed to
 * them, then marks them sent. Woken at once by NOTIFY on commit, with polling
 * as the safety net (also while the LISTEN session is down, until the
 * listener has reconnected). Rows are claimed with FOR UPDATE SKIP LOCKED, so several
 * relays (one per worker instance) share the work without sending a row twice
 * at the same time; a crash between enqueue and marking resends, and the job
 * id (consumer + event id) plus the consumer inbox make that harmless.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private listener?: PgNotificationListener;
  private running = false;
  /** Between polls the loop waits on this; a NOTIFY or shutdown ends the wait, even one sent mid-drain. */
  private readonly wakeup = new Wakeup();
  private loop?: Promise<void>;
  private readonly pollIntervalMs: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly consumers: ConsumerRegistry,
    private readonly queues: QueueRegistry,
    private readonly config: AppConfig,
  ) {
    this.pollIntervalMs = config.get('OUTBOX_POLL_INTERVAL_MS', { infer: true });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.running = true;
    this.listener = new PgNotificationListener({
      connectionString: (this.dataSource.options as { url?: string }).url ?? '',
      channel: OUTBOX_CHANNEL,
      applicationName: 'keel-outbox-listener',
      what: 'outbox NOTIFYs',
      meanwhile: 'relaying by polling only',
      onNotification: () => this.wakeup.signal(),
      // Rows committed while nobody listened were never announced: relay them now, not at the next poll.
      onListening: ({ afterGap }) => {
        if (afterGap) this.wakeup.signal();
      },
    });
    // Resolves after the first attempt either way: the relay never waits for LISTEN to start polling.
    await this.listener.start();
    this.loop = this.run();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.wakeup.signal();
    await this.loop;
    await this.listener?.stop();
  }

  /** Relays until the outbox has no unsent rows. Returns how many rows were handled. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.relayBatch();
      total += n;
      if (n < BATCH_SIZE) return total;
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        await this.drain();
        failures = 0;
        await this.wakeup.wait(this.pollIntervalMs);
      } catch (error) {
        failures++;
        const delay = Math.min(10_000, 500 * 2 ** Math.min(failures, 6)) * (0.5 + Math.random() / 2);
        this.logger.warn({ err: error, retryInMs: Math.round(delay) }, 'Outbox relay failed; rows stay unsent and will be retried');
        await this.wakeup.wait(delay);
      }
    }
  }

  private async relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, event_name, aggregate_id, payload, occurred_at, request_id, traceparent
           FROM platform.outbox WHERE sent_at IS NULL
          ORDER BY position LIMIT ${BATCH_SIZE} FOR UPDATE SKIP LOCKED`,
      );
      if (rows.length === 0) return 0;
      const jobsByQueue = new Map<string, Array<{ name: string; data: JobData; opts: { jobId: string; attempts: number } }>>();
      for (const row of rows) {
        const envelope: EventEnvelope = {
          eventId: row.id,
          eventName: row.event_name,
          aggregateId: row.aggregate_id,
          occurredAt: new Date(row.occurred_at).toISOString(),
          payload: row.payload,
          ...(row.request_id ? { requestId: row.request_id } : {}),
          ...(row.traceparent ? { traceparent: row.traceparent } : {}),
        };
        for (const consumer of this.consumers.subscribersOf(row.event_name)) {
          const jobs = jobsByQueue.get(consumer.queue) ?? [];
          jobs.push({
            name: consumer.options.name,
            data: { consumer: consumer.options.name, envelope },
            opts: { jobId: `${consumer.options.name}__${row.id}`, attempts: consumer.options.attempts },
          });
          jobsByQueue.set(consumer.queue, jobs);
        }
      }
      // Bounded: with Redis down, fail fast and back off instead of holding the row locks.
      for (const [queue, jobs] of jobsByQueue)
        await withDeadline(
          this.queues.get(queue).addBulk(jobs),
          ENQUEUE_DEADLINE_MS,
          () => new Error(`enqueue to ${queue} timed out after ${ENQUEUE_DEADLINE_MS} ms`),
        );
      await manager.query(`UPDATE platform.outbox SET sent_at = now() WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
      outboxRelayed.inc(rows.length);
      return rows.length;
    });
  }
}
