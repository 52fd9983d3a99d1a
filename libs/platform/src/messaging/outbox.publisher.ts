import { Injectable } from '@nestjs/common';
import { context, propagation } from '@opentelemetry/api';
import { TransactionHost } from '@nestjs-cls/transactional';
import { ClsService } from 'nestjs-cls';
import { DomainEvent } from '../domain';
import type { KeelTransactionHost } from '../database/typeorm-repository.base';
import { OutboxOrmEntity } from './persistence/outbox.orm-entity';

export const OUTBOX_CHANNEL = 'keel_outbox';

/**
 * Records domain events in the transactional outbox, in the caller's
 * transaction: the events exist if and only if the state change committed.
 * The relay in the worker delivers them to each consumer's queue.
 */
@Injectable()
export class OutboxPublisher {
  constructor(
    private readonly txHost: TransactionHost,
    private readonly cls: ClsService,
  ) {}

  async publish(...events: DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    const host = this.txHost as KeelTransactionHost;
    if (!host.isTransactionActive()) {
      throw new Error('OutboxPublisher.publish must run inside a transaction (@Transactional on the command handler).');
    }
    const requestId = this.cls.isActive() ? this.cls.get<string | undefined>('requestId') : undefined;
    // W3C trace context of the current span: the consumer continues this trace.
    const carrier: Record<string, string> = {};
    propagation.inject(context.active(), carrier);
    const traceparent = carrier.traceparent;
    const rows: Array<Omit<OutboxOrmEntity, 'position'>> = events.map((event) => ({
      id: event.eventId,
      eventName: event.eventName,
      aggregateId: event.aggregateId,
      payload: event.payload as Record<string, unknown>,
      occurredAt: event.occurredAt,
      requestId: requestId ?? null,
      traceparent: traceparent ?? null,
      sentAt: null,
    }));
    // TypeORM's deep-partial type cannot express a free-form jsonb column.
    await host.tx.getRepository(OutboxOrmEntity).insert(rows as never);
    // Delivered by PostgreSQL only when the transaction commits: wakes the relay at once.
    await host.tx.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
  }
}
