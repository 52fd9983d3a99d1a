import type { Notification } from './notification.entity';

export const NOTIFICATION_REPOSITORY = Symbol('NotificationRepository');

export interface NotificationRepository {
  findByDedupeKey(dedupeKey: string): Promise<Notification | null>;
  /**
   * Inserts the notification unless one with the same dedupe key exists
   * (`ON CONFLICT DO NOTHING`), and returns the stored one either way:
   * the new row, or the one that was there first.
   */
  insertIfAbsent(notification: Notification): Promise<Notification>;
  /**
   * Claims a PENDING notification for one send attempt, for at most `leaseMs`,
   * so that two concurrent deliveries of one cause cannot both send. False when
   * it is not PENDING any more or another attempt holds an unexpired claim.
   */
  claimForDelivery(id: string, leaseMs: number): Promise<boolean>;
  /**
   * Persists a delivery outcome and releases the claim. Applies only while the stored row is still
   * PENDING; returns false when another attempt already settled it.
   */
  saveOutcome(notification: Notification): Promise<boolean>;
  /** The user's notifications, newest first, strictly after the given position (keyset pagination). */
  listForUser(userId: string, options: { limit: number; after?: { createdAt: Date; id: string } }): Promise<Notification[]>;
}
