import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ schema: 'notifications', name: 'notifications' })
export class NotificationOrmEntity {
  @PrimaryColumn('uuid')
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

  @Column('integer')
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
