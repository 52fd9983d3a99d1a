import { EventConsumer, type EventEnvelope, type IntegrationEventHandler } from '@keel/messaging';

export const BENCH_PING = 'bench.Ping';

/**
 * Does nothing, so Q1 measures the platform's messaging alone: outbox relay →
 * BullMQ (Redis) → worker → inbox record in its own transaction. Default
 * consumer options, like every real consumer.
 */
@EventConsumer({ name: 'bench.noop', events: [BENCH_PING] })
export class NoopConsumer implements IntegrationEventHandler {
  async handle(_event: EventEnvelope): Promise<void> {
    // the platform's work around this call is what is measured
  }
}
