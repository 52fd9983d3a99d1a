import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { decodeCursor, type Page, toPage } from '@keel/http';
import { NOTIFICATION_REPOSITORY, type NotificationRepository } from '../../../domain';
import { ListNotificationsQuery } from './list-notifications.query';
import { toNotificationView, type NotificationView } from './notification.view';

@QueryHandler(ListNotificationsQuery)
export class ListNotificationsHandler implements IQueryHandler<ListNotificationsQuery> {
  constructor(@Inject(NOTIFICATION_REPOSITORY) private readonly notifications: NotificationRepository) {}

  async execute(query: ListNotificationsQuery): Promise<Page<NotificationView>> {
    const rows = await this.notifications.listForUser(query.userId, { limit: query.limit + 1, after: decodeCursor(query.cursor) });
    return toPage(
      rows.map((notification) => ({ notification, createdAt: notification.createdAt, id: notification.id })),
      query.limit,
      (row) => toNotificationView(row.notification),
    );
  }
}
