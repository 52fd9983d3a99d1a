import { ConflictError } from '@keel/kernel/domain';
import type { NotificationStatus } from './notification-type';

/** A delivery outcome was recorded for a notification that is no longer waiting for one. */
export class NotificationNotPendingError extends ConflictError {
  override readonly code = 'notification-not-pending';
  constructor(status: NotificationStatus) {
    super(`The notification is already ${status}.`);
  }
}
