import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { UnrecoverableError, type Job, type Worker } from 'bullmq';
import { ClsService } from 'nestjs-cls';
import { PinoLogger } from 'nestjs-pino';
import { AppConfig, withDeadline } from '@keel/kernel';
import { queueJobDuration, queueJobsCompleted, queueJobsDeadLettered, queueJobsFailed, queueJobsRetried } from '@keel/observability';
import { ConsumerRegistry } from './consumer-registry';
import type { EventEnvelope } from './event-envelope';
import { InboxProcessor } from './inbox.processor';
import type { JobData } from './outbox.relay';
import { QueueConnection } from './queue-connection';
import { retryDelayAfter } from './retry-backoff';

/**
 * A job that outlived its consumer's timeout. The inbox makes the timed-out
 * attempt safe to retry: if the slow attempt still commits, the retry finds its
 * inbox row and does nothing.
 */
export class JobTimeoutError extends Error {
  constructor(ms: number) {
    super(`Job exceeded its ${ms} ms timeout`);
    this.name = 'JobTimeoutError';
  }
}

/**
 * One BullMQ Worker per consumer queue. Each job runs with the request id of
 * the request that caused it (CLS + a pino child logger, so every line it logs
 * carries it), under a timeout, through the inbox. On shutdown the workers stop
 * taking jobs and wait for the active ones before the database closes.
 */
@Injectable()
export class ConsumerWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Consumers');
  private readonly workers: Worker[] = [];

  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly connection: QueueConnection,
    private readonly inbox: InboxProcessor,
    private readonly cls: ClsService,
    private readonly pino: PinoLogger,
    config: AppConfig,
  ) {
    this.lockDurationMs = config.get('QUEUE_LOCK_DURATION_MS', { infer: true });
  }

  private readonly lockDurationMs: number;

  async onApplicationBootstrap(): Promise<void> {
    if (this.registry.queueNames().length > 0) await this.connection.assertReady();
    for (const queue of this.registry.queueNames()) {
      const consumers = this.registry.all().filter((c) => c.queue === queue);
      const concurrency = Math.max(...consumers.map((c) => c.options.concurrency));
      const worker = this.connection.createWorker(queue, (job: Job<JobData>) => this.process(queue, job), {
        concurrency,
        // A worker that dies mid-job (SIGKILL) leaves the job locked; after this it is handed to another worker.
        lockDuration: this.lockDurationMs,
        stalledInterval: Math.max(500, Math.floor(this.lockDurationMs / 2)),
        maxStalledCount: 3,
        settings: { backoffStrategy: (attemptsMade: number, _type?: string, error?: Error) => retryDelayAfter(attemptsMade, error) },
      });
      worker.on('completed', (job) => queueJobsCompleted.inc({ queue, consumer: job.name }));
      worker.on('failed', (job, error) => {
        if (!job) return;
        const exhausted = job.attemptsMade >= (job.opts.attempts ?? 1);
        queueJobsFailed.inc({ queue, consumer: job.name, error: error?.name ?? 'Error' });
        (exhausted ? queueJobsDeadLettered : queueJobsRetried).inc({ queue, consumer: job.name });
        const fields = {
          queue,
          consumer: job.name,
          jobId: job.id,
          attempt: job.attemptsMade,
          err: error,
          // The domain error code when there is one, else the error class: stable, unlike messages.
          errorCode: (error as { code?: unknown } | undefined)?.code ?? error?.name ?? 'Error',
          requestId: job.data?.envelope?.requestId,
          traceId: job.data?.envelope?.traceparent?.split('-')[1],
        };
        if (exhausted) this.logger.error(fields, 'Job dead-lettered after its last attempt (retry it from /admin/queues)');
        else this.logger.warn(fields, 'Job failed; will retry with backoff');
      });
      worker.on('error', (error) => this.logger.warn({ queue, err: error }, 'Queue worker error'));
      this.workers.push(worker);
    }
    this.logger.log(`Processing queues: ${this.registry.queueNames().join(', ') || '(none)'} on ${this.connection.backend}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    // close() stops fetching and resolves once active jobs have finished.
    await Promise.allSettled(this.workers.map((w) => w.close()));
    this.logger.log('Queue workers closed; active jobs finished');
  }

  private async process(queue: string, job: Job<JobData>): Promise<string> {
    const consumer = this.registry.get(job.name);
    if (!consumer) throw new UnrecoverableError(`No consumer named ${job.name} in this worker`);
    const envelope = job.data.envelope;
    const requestId = envelope.requestId ?? `job-${job.id}`;
    return this.cls.run(() => {
      this.cls.set('requestId', requestId);
      if (envelope.traceparent) this.cls.set('traceparent', envelope.traceparent);
      const done = queueJobDuration.startTimer({ queue, consumer: consumer.options.name });
      const work = () =>
        inSpan(`consume ${consumer.options.name}`, envelope, { queue, jobId: String(job.id), attempt: job.attemptsMade + 1 }, () =>
          withDeadline(
            this.inbox.process(consumer, envelope),
            consumer.options.timeoutMs,
            () => new JobTimeoutError(consumer.options.timeoutMs),
          ),
        ).finally(() => done());
      return this.pino.runInContext(work, {
        // requestId is not bound here: the logger's mixin reads it from the request context set above.
        bindings: {
          queue,
          consumer: consumer.options.name,
          jobId: job.id,
          eventId: envelope.eventId,
          attempt: job.attemptsMade + 1,
        },
      });
    });
  }
}

/** Continues the producer's trace (traceparent from the outbox row) in a CONSUMER span. */
function inSpan<T>(name: string, envelope: EventEnvelope, attrs: Record<string, string | number>, work: () => Promise<T>): Promise<T> {
  const parent = envelope.traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent: envelope.traceparent }) : ROOT_CONTEXT;
  return trace.getTracer('keel').startActiveSpan(
    name,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'bullmq',
        'messaging.destination.name': attrs.queue,
        'keel.event_name': envelope.eventName,
        'keel.event_id': envelope.eventId,
        ...attrs,
      },
    },
    parent,
    async (span) => {
      try {
        return await work();
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
