import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Every email the development mailbox "sent" (no SMTP_URL), as the raw RFC 5322
 * message an SMTP server would have received. Development and tests only.
 */
@Entity({ schema: 'notifications', name: 'dev_mailbox' })
export class DevMailboxMessageOrmEntity {
  @PrimaryColumn('uuid')
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

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
