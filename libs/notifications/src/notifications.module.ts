import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@keel/kernel';
import {
  ACCOUNT_LINK_ISSUER,
  EMAIL_TEMPLATE_RENDERER,
  ListNotificationsHandler,
  NOTIFICATION_LINKS,
  type NotificationLinks,
  SendAccountEmailOnIdentityEvent,
  SendOrderEmailOnOrderEvent,
  USER_CONTACTS,
} from './application';
import { NOTIFICATION_REPOSITORY } from './domain';
import { emailSenderProvider } from './infrastructure/email/email-sender.provider';
import { IdentityAccountLinkIssuer } from './infrastructure/identity/identity.account-link-issuer';
import { IdentityUserContacts } from './infrastructure/identity/identity.user-contacts';
import { DevMailboxHttpController } from './infrastructure/http/dev-mailbox.http.controller';
import { NotificationsHttpController } from './infrastructure/http/notifications.http.controller';
import { NOTIFICATIONS_ORM_ENTITIES } from './infrastructure/persistence';
import { NotificationTypeOrmRepository } from './infrastructure/persistence/notification.typeorm-repository';
import { FileEmailTemplateRenderer } from './infrastructure/templates/file.email-template-renderer';

/**
 * Notifications bounded context: emails customers about their orders (one per
 * order and event, whatever the redeliveries) and their accounts (verification,
 * password reset), and lists the order emails sent to them. Needs the identity
 * context's GetUserContactQuery and IssueAccountLinkCommand handlers in the same process.
 */
@Module({
  imports: [TypeOrmModule.forFeature(NOTIFICATIONS_ORM_ENTITIES)],
  controllers: [NotificationsHttpController, DevMailboxHttpController],
  providers: [
    SendOrderEmailOnOrderEvent,
    SendAccountEmailOnIdentityEvent,
    { provide: ACCOUNT_LINK_ISSUER, useClass: IdentityAccountLinkIssuer },
    ListNotificationsHandler,
    { provide: USER_CONTACTS, useClass: IdentityUserContacts },
    { provide: NOTIFICATION_REPOSITORY, useClass: NotificationTypeOrmRepository },
    { provide: EMAIL_TEMPLATE_RENDERER, useFactory: () => new FileEmailTemplateRenderer() },
    emailSenderProvider,
    {
      provide: NOTIFICATION_LINKS,
      inject: [AppConfig],
      useFactory: (config: AppConfig): NotificationLinks => ({
        apiBaseUrl: config.get('PUBLIC_BASE_URL', { infer: true }) ?? `http://localhost:${config.get('PORT', { infer: true })}`,
      }),
    },
    // generators: new handlers and consumers go above this line
  ],
})
export class NotificationsModule {}
