import { DynamicModule, Global, Module, OnModuleInit } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { HealthIndicatorService, TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventOutbox } from '@keel/persistence';
import { ReadinessRegistry, withDeadline } from '@keel/kernel';
import { ConsumerRegistry } from './consumer-registry';
import { ConsumerWorkers } from './consumer-workers';
import { InboxProcessor } from './inbox.processor';
import { OutboxPublisher } from './outbox.publisher';
import { OutboxRelay } from './outbox.relay';
import { PLATFORM_ORM_ENTITIES } from './persistence';
import { QueueConnection } from './queue-connection';
import { QueueRegistry } from './queue-registry';

/**
 * Events between contexts: outbox publisher everywhere (aggregate repositories
 * reach it through the EventOutbox port); in the worker also the
 * relay (outbox → queues) and the consumer workers (queues → inbox → handler).
 */
@Global()
@Module({})
export class MessagingModule implements OnModuleInit {
  constructor(
    private readonly readiness: ReadinessRegistry,
    private readonly queues: QueueRegistry,
    private readonly connection: QueueConnection,
    private readonly indicators: HealthIndicatorService,
  ) {}

  static forRoot(options: { worker: boolean }): DynamicModule {
    return {
      module: MessagingModule,
      imports: [DiscoveryModule, TerminusModule, TypeOrmModule.forFeature(PLATFORM_ORM_ENTITIES)],
      providers: [
        OutboxPublisher,
        // Aggregate repositories publish on save through this port (see AggregateTypeOrmRepositoryBase).
        { provide: EventOutbox, useExisting: OutboxPublisher },
        QueueConnection,
        ConsumerRegistry,
        QueueRegistry,
        InboxProcessor,
        ...(options.worker ? [OutboxRelay, ConsumerWorkers] : []),
      ],
      exports: [
        OutboxPublisher,
        EventOutbox,
        QueueRegistry,
        ConsumerRegistry,
        QueueConnection,
        InboxProcessor,
        ...(options.worker ? [OutboxRelay] : []),
      ],
    };
  }

  onModuleInit(): void {
    // Ready means the queue backend (Redis, or the PostgreSQL queue schema) answers.
    this.readiness.register('queues', async () => {
      const session = this.indicators.check('queues');
      const queues = this.queues.all();
      try {
        await withDeadline(
          Promise.all(queues.map((q) => q.getJobCounts('waiting'))),
          1_500,
          () => new Error('queue backend did not answer within 1.5 s'),
        );
        return session.up({ backend: this.connection.backend, queues: queues.length });
      } catch (error) {
        return session.down({ backend: this.connection.backend, message: (error as Error).message });
      }
    });
  }
}
