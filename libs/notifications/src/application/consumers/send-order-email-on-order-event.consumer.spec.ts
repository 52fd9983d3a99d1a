import { TransactionHost } from '@nestjs-cls/transactional';
import type { EventEnvelope } from '@keel/messaging';
import { InMemoryTransactions } from '@keel/kernel/testing';
import { Notification, orderDeliveryKey } from '../../domain';
import { FakeEmailSender } from '../../testing/email-sender.fake';
import { FakeEmailTemplateRenderer } from '../../testing/email-template-renderer.fake';
import { InMemoryNotificationRepository } from '../../testing/notification.repository.fake';
import { FakeUserContacts } from '../../testing/user-contacts.fake';
import { ORDER_CONFIRMED, type OrderEmailEventPayload } from '../consumed-events';
import { EmailRejectedError } from '../ports/email-sender.port';
import { NotificationDeliveryInProgressError, SendOrderEmailOnOrderEvent } from './send-order-email-on-order-event.consumer';

const ORDER = '0b1f0c1e-5b6a-4c1c-9a0a-1a2b3c4d5e6f';
const event = (eventName = ORDER_CONFIRMED, userId = 'user-1', eventId = 'e0000000-0000-4000-8000-000000000001') =>
  ({
    eventId,
    eventName,
    aggregateId: ORDER,
    occurredAt: '2026-01-01T00:00:00.000Z',
    payload: { orderId: ORDER, userId, total: { amount: 1999, currency: 'USD' } },
  }) as EventEnvelope<OrderEmailEventPayload>;

describe('SendOrderEmailOnOrderEvent', () => {
  let transactions: InMemoryTransactions;
  let notifications: InMemoryNotificationRepository;
  let renderer: FakeEmailTemplateRenderer;
  let sender: FakeEmailSender;
  let consumer: SendOrderEmailOnOrderEvent;

  beforeEach(() => {
    transactions = new InMemoryTransactions();
    notifications = new InMemoryNotificationRepository();
    renderer = new FakeEmailTemplateRenderer();
    sender = new FakeEmailSender();
    const contacts = new FakeUserContacts().with(
      { userId: 'user-1', email: 'ada@example.com', name: 'Ada', emailVerified: true },
      { userId: 'user-unverified', email: 'victim@example.com', name: 'Visit evil.example now', emailVerified: false },
    );
    consumer = new SendOrderEmailOnOrderEvent(TransactionHost.getInstance(), contacts, notifications, renderer, sender, {
      apiBaseUrl: 'https://shop.example.com',
    });
  });

  it("when an order is confirmed, then the customer's email is rendered, sent with a Message-ID from the event, and recorded SENT", async () => {
    await consumer.handle(event());

    expect(renderer.rendered).toEqual([
      { template: 'order-confirmed', variables: { orderId: ORDER, orderNumber: '0B1F0C1E', total: 'USD 19.99' } },
    ]);
    expect(sender.sent).toEqual([
      expect.objectContaining({
        to: 'ada@example.com',
        subject: 'order-confirmed',
        messageId: '<e0000000-0000-4000-8000-000000000001.order.confirmed@keel.local>',
      }),
    ]);
    expect(notifications.all()).toEqual([
      expect.objectContaining({ type: 'order.confirmed', status: 'SENT', recipient: 'ada@example.com' }),
    ]);
    // Insert, claim and outcome each commit on their own, whatever happens to the caller's transaction.
    expect(transactions).toMatchObject({ begun: 3, committed: 3 });
  });

  it('when the user has not verified their address, then no order email is rendered, sent or recorded', async () => {
    await consumer.handle(event(ORDER_CONFIRMED, 'user-unverified'));

    expect(renderer.rendered).toEqual([]);
    expect(sender.sent).toEqual([]);
    expect(notifications.all()).toEqual([]);
  });

  it('when the same event is delivered again, then no second email is sent', async () => {
    await consumer.handle(event());
    await consumer.handle(event());

    expect(sender.sent).toHaveLength(1);
    expect(notifications.all()).toHaveLength(1);
  });

  it('when the mail server fails transiently, then the attempt is recorded and the job retries (throws)', async () => {
    sender.failWith = new Error('connect ECONNREFUSED');

    await expect(consumer.handle(event())).rejects.toThrow('ECONNREFUSED');
    expect(notifications.all()).toEqual([expect.objectContaining({ status: 'PENDING', attempts: 1, lastError: 'connect ECONNREFUSED' })]);

    sender.failWith = undefined;
    await consumer.handle(event());
    expect(notifications.all()[0].status).toBe('SENT');
  });

  it('when the mail server rejects the recipient for good, then the notification is FAILED and the job does not retry', async () => {
    sender.failWith = new EmailRejectedError('550 no such user', true);

    await expect(consumer.handle(event())).resolves.toBeUndefined();
    expect(notifications.all()[0].status).toBe('FAILED');
  });

  it('when another attempt is sending it right now, then this one retries later (throws) without sending', async () => {
    const inFlight = Notification.createEmail({
      id: 'n-1',
      userId: 'user-1',
      type: 'order.confirmed',
      recipient: 'ada@example.com',
      content: { subject: 'Confirmed', bodyText: 'Hello', bodyHtml: null },
      key: orderDeliveryKey({ orderId: ORDER, type: 'order.confirmed', eventId: 'e0000000-0000-4000-8000-000000000001' }),
      now: new Date(),
    });
    notifications.given(inFlight).claimedElsewhere('n-1');

    await expect(consumer.handle(event())).rejects.toThrow(NotificationDeliveryInProgressError);
    expect(sender.sent).toEqual([]);
    expect(notifications.all()[0].status).toBe('PENDING');
  });

  it('when the user no longer exists or the event has no ids, then nothing is sent and the job does not fail', async () => {
    await consumer.handle(event(ORDER_CONFIRMED, 'gone-user'));
    await consumer.handle({ ...event(), payload: {} as OrderEmailEventPayload });

    expect(sender.sent).toEqual([]);
    expect(notifications.all()).toEqual([]);
  });
});
