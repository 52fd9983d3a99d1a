import { Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { KeelTransactionHost } from '@keel/persistence';
import type { RegisteredConsumer } from './consumer-registry';
import type { EventEnvelope } from './event-envelope';

/**
 * Runs a consumer exactly once per (consumer, event): the inbox row and every
 * effect of the handler (including events it publishes to the outbox) commit
 * in one transaction. A redelivered job finds the row and does nothing; a
 * failed handler rolls the row back so the retry runs it again.
 */
@Injectable()
export class InboxProcessor {
  private readonly logger = new Logger('Inbox');

  constructor(private readonly txHost: TransactionHost) {}

  async process(consumer: RegisteredConsumer, envelope: EventEnvelope): Promise<'processed' | 'duplicate'> {
    const host = this.txHost as KeelTransactionHost;
    return host.withTransaction(async () => {
      const claimed: unknown[] = await host.tx.query(
        `INSERT INTO platform.inbox (consumer, event_id, processed_at) VALUES ($1, $2, now())
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [consumer.options.name, envelope.eventId],
      );
      if (claimed.length === 0) {
        this.logger.log({ eventId: envelope.eventId, consumer: consumer.options.name }, 'Event already processed; skipping redelivery');
        return 'duplicate' as const;
      }
      await consumer.handler.handle(envelope);
      return 'processed' as const;
    });
  }
}
