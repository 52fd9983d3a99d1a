import { Column, Entity, Generated, Index, PrimaryColumn } from 'typeorm';

/** Mirrors migration 1764140000000-platform-messaging (checked by `npm run migration:check`). */
@Entity({ schema: 'platform', name: 'outbox' })
@Index('outbox_unsent_idx', ['position'], { where: 'sent_at IS NULL' })
export class OutboxOrmEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'outbox_pkey' })
  id!: string;

  /** A `bigserial`: the relay's total order of events. Assigned by PostgreSQL, never written by TypeORM. */
  @Generated('increment')
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
