import { Logger } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import { randomUUID } from 'node:crypto';
import type { Repository } from 'typeorm';
import type { EmailSender, OutgoingEmail } from '../../application';
import type { DevMailboxMessageOrmEntity } from '../persistence/dev-mailbox-message.orm-entity';
import { loadNodemailer } from './load-nodemailer';
import { MAIL_FROM } from './mail-from';

/**
 * Development "outbox" when SMTP_URL is unset: nodemailer builds the exact
 * RFC 5322 message it would have sent (stream transport), which is logged in
 * one line and stored in `notifications.dev_mailbox` for developers to read.
 * The repository is the plain one, not the ambient transaction's, so a stored
 * message stays stored like one handed to a real server.
 */
export class DevMailboxEmailSender implements EmailSender {
  private readonly logger = new Logger('DevMailbox');
  /** Created on the first message (nodemailer is loaded then). */
  private transport?: Transporter;

  constructor(private readonly mailbox: Repository<DevMailboxMessageOrmEntity>) {}

  async send(email: OutgoingEmail): Promise<void> {
    const { createTransport } = await loadNodemailer();
    this.transport ??= createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    const info = await this.transport.sendMail({
      from: MAIL_FROM,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html ?? undefined,
      messageId: email.messageId,
    });
    const raw = Buffer.isBuffer(info.message) ? info.message.toString('utf8') : String(info.message);
    await this.mailbox.insert({
      id: randomUUID(),
      messageId: email.messageId,
      recipient: email.to,
      subject: email.subject,
      raw,
      bodyText: email.text,
      bodyHtml: email.html,
      createdAt: new Date(),
    });
    this.logger.log(
      `Email stored in the development mailbox: to=${email.to} subject=${JSON.stringify(email.subject)} messageId=${email.messageId}`,
    );
  }
}
