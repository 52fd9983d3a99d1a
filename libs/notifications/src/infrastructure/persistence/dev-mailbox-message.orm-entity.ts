import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Every email the development mailbox "sent" (no SMTP_URL), as the raw RFC 5322
 * message an SMTP server would have received. Development and tests only.
 * Mirrors migrations 1764190000000-notifications-schema and 1764300000001-dev-mailbox-bodies
 * (checked by `npm run migration:check`).
 */
@Entity({ schema: 'notifications', name: 'dev_mailbox' })
@Index('dev_mailbox_message_id_idx', ['messageId'])
@Index('dev_mailbox_created_at_idx', ['createdAt'])
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

  /** The bodies as given to the transport, for the /dev/mailbox page (null for messages stored before they were kept). */
  @Column('text', { name: 'body_text', nullable: true })
  bodyText!: string | null;

  @Column('text', { name: 'body_html', nullable: true })
  bodyHtml!: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}
