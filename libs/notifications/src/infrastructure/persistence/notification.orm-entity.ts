import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * Mirrors migration 1764190000000-notifications-schema (checked by `npm run migration:check`).
 * notifications_user_created_idx is `(user_id, created_at DESC, id DESC)`: TypeORM has no
 * per-column index order, so it is declared by name with `synchronize: false` (neither dropped
 * nor recreated by TypeORM; the migration is its definition).
 */
@Entity({ schema: 'notifications', name: 'notifications' })
@Unique('notifications_dedupe_key_key', ['dedupeKey'])
@Check('notifications_channel_check', `channel IN ('email')`)
@Check('notifications_status_check', `status IN ('PENDING', 'SENT', 'FAILED')`)
@Check('notifications_attempts_check', `attempts >= 0`)
@Check('notifications_sent_at_iff_sent', `(status = 'SENT') = (sent_at IS NOT NULL)`)
@Index('notifications_user_created_idx', { synchronize: false })
export class NotificationOrmEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'notifications_pkey' })
  id!: string;

  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @Column('text')
  type!: string;

  @Column('text')
  channel!: string;

  @Column('text')
  status!: string;

  @Column('text')
  recipient!: string;

  @Column('text')
  subject!: string;

  @Column('text', { name: 'body_text' })
  bodyText!: string;

  @Column('text', { name: 'body_html', nullable: true })
  bodyHtml!: string | null;

  @Column('text', { name: 'dedupe_key' })
  dedupeKey!: string;

  @Column('text', { name: 'message_id' })
  messageId!: string;

  @Column('integer', { default: 0 })
  attempts!: number;

  @Column('text', { name: 'last_error', nullable: true })
  lastError!: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt!: Date | null;

  /** Set while one attempt is sending (a lease, not domain state): see claimForDelivery. */
  @Column('timestamptz', { name: 'claimed_until', nullable: true })
  claimedUntil!: Date | null;
}
