import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ schema: 'platform', name: 'outbox' })
export class OutboxOrmEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'bigint', name: 'position', insert: false, update: false })
  position!: string;

  @Column('text', { name: 'event_name' })
  eventName!: string;

  @Column('text', { name: 'aggregate_id' })
  aggregateId!: string;

  @Column('jsonb')
  payload!: Record<string, unknown>;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;

  @Column('text', { name: 'request_id', nullable: true })
  requestId!: string | null;

  @Column('text', { nullable: true })
  traceparent!: string | null;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt!: Date | null;
}
