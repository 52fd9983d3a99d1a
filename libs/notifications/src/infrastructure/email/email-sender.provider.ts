import type { Provider } from '@nestjs/common';
import { getRepositoryToken } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { EMAIL_SENDER, type EmailSender } from '../../application';
import { DevMailboxMessageOrmEntity } from '../persistence/dev-mailbox-message.orm-entity';
import { DevMailboxEmailSender } from './dev-mailbox.email-sender';
import { SmtpEmailSender } from './smtp.email-sender';
import { NotificationsConfig } from '../../notifications.environment';

/** SMTP when SMTP_URL is set; otherwise the development mailbox (logged and stored). */
export const emailSenderProvider: Provider<EmailSender> = {
  provide: EMAIL_SENDER,
  inject: [NotificationsConfig, getRepositoryToken(DevMailboxMessageOrmEntity)],
  useFactory: (config: NotificationsConfig, mailbox: Repository<DevMailboxMessageOrmEntity>): EmailSender => {
    const url = config.get('SMTP_URL', { infer: true });
    return url ? new SmtpEmailSender(url) : new DevMailboxEmailSender(mailbox);
  },
};
