import { Notification, orderDeliveryKey } from '../../../domain';
import { InMemoryNotificationRepository } from '../../../testing/notification.repository.fake';
import { ListNotificationsHandler } from './list-notifications.handler';
import { ListNotificationsQuery } from './list-notifications.query';

const id = (n: number) => `d0000000-0000-4000-8000-00000000000${n}`;
const email = (n: number, userId: string) =>
  Notification.createEmail({
    id: id(n),
    userId,
    type: 'order.confirmed',
    recipient: `${userId}@example.com`,
    content: { subject: `Order ${n}`, bodyText: 'Hello', bodyHtml: null },
    key: orderDeliveryKey({ orderId: id(n), type: 'order.confirmed', eventId: id(n) }),
    now: new Date(Date.UTC(2026, 0, 1, 0, n)),
  });

describe('ListNotificationsHandler', () => {
  const handler = new ListNotificationsHandler(
    new InMemoryNotificationRepository().given(email(1, 'ada'), email(2, 'bob'), email(3, 'ada')),
  );

  it('when a user lists, then only their notifications, newest first, as views', async () => {
    const page = await handler.execute(new ListNotificationsQuery('ada', 10));

    expect(page).toEqual({
      items: [
        {
          id: id(3),
          type: 'order.confirmed',
          channel: 'email',
          status: 'PENDING',
          subject: 'Order 3',
          createdAt: '2026-01-01T00:03:00.000Z',
          sentAt: null,
        },
        expect.objectContaining({ id: id(1), subject: 'Order 1' }),
      ],
      nextCursor: null,
    });
  });

  it('when there are more than a page, then the cursor leads to the rest', async () => {
    const first = await handler.execute(new ListNotificationsQuery('ada', 1));
    const second = await handler.execute(new ListNotificationsQuery('ada', 1, first.nextCursor!));

    expect(first.items.map((n) => n.id)).toEqual([id(3)]);
    expect(second.items.map((n) => n.id)).toEqual([id(1)]);
  });
});
