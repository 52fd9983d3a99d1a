import { Injectable } from '@nestjs/common';
import { context, propagation } from '@opentelemetry/api';
import { TransactionHost } from '@nestjs-cls/transactional';
import { ClsService } from 'nestjs-cls';
import { DomainEvent } from '@keel/kernel';
import { EventOutbox, type KeelTransactionHost } from '@keel/persistence';

export const OUTBOX_CHANNEL = 'keel_outbox';

const PUBLISH_SQL = `
  WITH inserted AS (
    INSERT INTO platform.outbox (id, event_name, aggregate_id, payload, occurred_at, request_id, traceparent)
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::timestamptz[], $6::text[], $7::text[])
    RETURNING 1)
  SELECT pg_notify('${OUTBOX_CHANNEL}', '') FROM (SELECT count(*) FROM inserted) AS published`;

/**
 * Records domain events in the transactional outbox, in the caller's
 * transaction: the events exist if and only if the state change committed.
 * The relay in the worker delivers them to each consumer's queue. Contexts do
 * not call it: their aggregate repositories publish on save
 * (AggregateTypeOrmRepositoryBase.saveAggregate, through the EventOutbox port).
 */
@Injectable()
export class OutboxPublisher implements EventOutbox {
  constructor(
    private readonly txHost: TransactionHost,
    private readonly cls: ClsService,
  ) {}

  async publish(...events: DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    const host = this.txHost as KeelTransactionHost;
    if (!host.isTransactionActive()) {
      throw new Error('OutboxPublisher.publish must run inside a transaction (@Transactional on the command handler or consumer).');
    }
    const requestId = this.cls.isActive() ? this.cls.get<string | undefined>('requestId') : undefined;
    // W3C trace context of the current span: the consumer continues this trace.
    const carrier: Record<string, string> = {};
    propagation.inject(context.active(), carrier);
    const traceparent = carrier.traceparent;
    // One statement for every event and the wake-up: the rows go in through unnest (one round
    // trip whatever the count), and the NOTIFY — delivered by PostgreSQL only when the
    // transaction commits — wakes the relay at once.
    await host.tx.query(PUBLISH_SQL, [
      events.map((event) => event.eventId),
      events.map((event) => event.eventName),
      events.map((event) => event.aggregateId),
      events.map((event) => JSON.stringify(event.payload ?? null)),
      events.map((event) => event.occurredAt),
      events.map(() => requestId ?? null),
      events.map(() => traceparent ?? null),
    ]);
  }
}
