import type { Notification, NotificationChannel, NotificationStatus, NotificationType } from '../../../domain';

/** The public shape of a notification (contract: `{id, type, channel, status, subject, createdAt, sentAt}`). */
export interface NotificationView {
  id: string;
  type: NotificationType;
  channel: NotificationChannel;
  status: NotificationStatus;
  subject: string;
  createdAt: string;
  sentAt: string | null;
}

export const toNotificationView = (n: Notification): NotificationView => ({
  id: n.id,
  type: n.type,
  channel: n.channel,
  status: n.status,
  subject: n.subject,
  createdAt: n.createdAt.toISOString(),
  sentAt: n.sentAt?.toISOString() ?? null,
});
