import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One row of platform.audit_events (migrations/1764330000001-audit-events.ts). Written with SQL, read with SQL: the entity keeps migration:check honest. */
@Entity({ schema: 'platform', name: 'audit_events' })
@Index('audit_events_occurred_idx', ['occurredAt', 'id'])
@Index('audit_events_actor_idx', ['actorId', 'occurredAt', 'id'])
@Index('audit_events_target_idx', ['targetType', 'targetId', 'occurredAt', 'id'])
export class AuditEventOrmEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'audit_events_pkey' })
  id!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  occurredAt!: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 32 })
  actorRole!: string;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ name: 'target_type', type: 'varchar', length: 32 })
  targetType!: string;

  @Column({ name: 'target_id', type: 'varchar', length: 128 })
  targetId!: string;

  @Column({ type: 'jsonb', nullable: true })
  before!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: Record<string, unknown> | null;

  @Column({ name: 'request_id', type: 'varchar', length: 128, nullable: true })
  requestId!: string | null;

  @Column({ name: 'client_address', type: 'varchar', length: 64, nullable: true })
  clientAddress!: string | null;
}
