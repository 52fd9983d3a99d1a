import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per (consumer, event) that took effect: the idempotency record of consumers. */
@Entity({ schema: 'platform', name: 'inbox' })
export class InboxOrmEntity {
  @PrimaryColumn('text')
  consumer!: string;

  @PrimaryColumn('uuid', { name: 'event_id' })
  eventId!: string;

  @Column('timestamptz', { name: 'processed_at' })
  processedAt!: Date;
}
