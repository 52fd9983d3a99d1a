import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Every email the development mailbox "sent" (no SMTP_URL), as the raw RFC 5322
 * message an SMTP server would have received. Development and tests only.
 * Mirrors migration 1764190000000-notifications-schema (checked by `npm run migration:check`).
 */
@Entity({ schema: 'notifications', name: 'dev_mailbox' })
@Index('dev_mailbox_message_id_idx', ['messageId'])
export class DevMailboxMessageOrmEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'dev_mailbox_pkey' })
  id!: string;

  @Column('text', { name: 'message_id' })
  messageId!: string;

  @Column('text')
  recipient!: string;

  @Column('text')
  subject!: string;

  /** Headers and MIME body, exactly as they would have gone over the wire. */
  @Column('text')
  raw!: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}
