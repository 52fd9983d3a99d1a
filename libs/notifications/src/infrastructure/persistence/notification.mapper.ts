import { invariant } from '@keel/kernel/domain';
import { isNotificationStatus, isNotificationType, Notification } from '../../domain';
import { NotificationOrmEntity } from './notification.orm-entity';

export const NotificationMapper = {
  toDomain(row: NotificationOrmEntity): Notification {
    invariant(isNotificationType(row.type), `Unknown notification type ${row.type}`);
    invariant(isNotificationStatus(row.status), `Unknown notification status ${row.status}`);
    invariant(row.channel === 'email', `Unknown notification channel ${row.channel}`);
    return Notification.restore(row.id, {
      userId: row.userId,
      type: row.type,
      channel: row.channel,
      status: row.status,
      recipient: row.recipient,
      subject: row.subject,
      bodyText: row.bodyText,
      bodyHtml: row.bodyHtml,
      dedupeKey: row.dedupeKey,
      messageId: row.messageId,
      attempts: row.attempts,
      lastError: row.lastError,
      createdAt: row.createdAt,
      sentAt: row.sentAt,
    });
  },
  toPersistence(n: Notification): Omit<NotificationOrmEntity, 'claimedUntil'> {
    return {
      id: n.id,
      userId: n.userId,
      type: n.type,
      channel: n.channel,
      status: n.status,
      recipient: n.recipient,
      subject: n.subject,
      bodyText: n.bodyText,
      bodyHtml: n.bodyHtml,
      dedupeKey: n.dedupeKey,
      messageId: n.messageId,
      attempts: n.attempts,
      lastError: n.lastError,
      createdAt: n.createdAt,
      sentAt: n.sentAt,
    };
  },
};
