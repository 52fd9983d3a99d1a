import type { Provider } from '@nestjs/common';
import { getRepositoryToken } from '@nestjs/typeorm';
import { AppConfig } from '@keel/platform';
import type { Repository } from 'typeorm';
import { EMAIL_SENDER, type EmailSender } from '../../application';
import { DevMailboxMessageOrmEntity } from '../persistence/dev-mailbox-message.orm-entity';
import { DevMailboxEmailSender } from './dev-mailbox.email-sender';
import { SmtpEmailSender } from './smtp.email-sender';

/** SMTP when SMTP_URL is set; otherwise the development mailbox (logged and stored). */
export const emailSenderProvider: Provider<EmailSender> = {
  provide: EMAIL_SENDER,
  inject: [AppConfig, getRepositoryToken(DevMailboxMessageOrmEntity)],
  useFactory: (config: AppConfig, mailbox: Repository<DevMailboxMessageOrmEntity>): EmailSender => {
    const url = config.get('SMTP_URL', { infer: true });
    return url ? new SmtpEmailSender(url) : new DevMailboxEmailSender(mailbox);
  },
};
