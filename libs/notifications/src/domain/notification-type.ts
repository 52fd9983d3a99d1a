/** What a notification is about. Stable: stored with every notification and returned by the API. */
export const NOTIFICATION_TYPES = ['order.confirmed', 'order.rejected', 'order.paid', 'order.payment_failed', 'order.cancelled'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export const NOTIFICATION_CHANNELS = ['email'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export const NOTIFICATION_STATUSES = ['PENDING', 'SENT', 'FAILED'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export const isNotificationType = (value: unknown): value is NotificationType => NOTIFICATION_TYPES.includes(value as NotificationType);
export const isNotificationStatus = (value: unknown): value is NotificationStatus =>
  NOTIFICATION_STATUSES.includes(value as NotificationStatus);
