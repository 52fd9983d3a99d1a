import { Query } from '@nestjs/cqrs';
import type { Page } from '@keel/http';
import type { NotificationView } from './notification.view';

/** The notifications sent (or being sent) to one user, newest first. */
export class ListNotificationsQuery extends Query<Page<NotificationView>> {
  constructor(
    readonly userId: string,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
