import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per (consumer, event) that took effect: the idempotency record of consumers.
 * Mirrors migration 1764140000000-platform-messaging (checked by `npm run migration:check`).
 */
@Entity({ schema: 'platform', name: 'inbox' })
export class InboxOrmEntity {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'inbox_pkey' })
  consumer!: string;

  @PrimaryColumn('uuid', { name: 'event_id', primaryKeyConstraintName: 'inbox_pkey' })
  eventId!: string;

  @Column('timestamptz', { name: 'processed_at' })
  processedAt!: Date;
}
