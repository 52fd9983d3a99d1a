import { InvariantViolationError } from '@keel/kernel/domain';
import { orderDeliveryKey } from './delivery-key';
import { LAST_ERROR_MAX_LENGTH, MAX_DELIVERY_ATTEMPTS, Notification } from './notification.entity';
import { NotificationNotPendingError } from './notifications.errors';

const now = new Date('2026-01-01T00:00:00Z');
const later = new Date('2026-01-01T00:00:05Z');
const eventId = '6f1c1b9e-4a43-4a52-9d0e-0c8f1d2b3a4c';
const orderId = '0b1f0c1e-5b6a-4c1c-9a0a-1a2b3c4d5e6f';

const create = (overrides: { subject?: string; recipient?: string } = {}) =>
  Notification.createEmail({
    id: 'n1',
    userId: 'u1',
    type: 'order.confirmed',
    recipient: overrides.recipient ?? 'ada@example.com',
    content: { subject: overrides.subject ?? 'Your order is confirmed', bodyText: 'Hello', bodyHtml: '<p>Hello</p>' },
    key: orderDeliveryKey({ orderId, type: 'order.confirmed', eventId }),
    now,
  });

describe('orderDeliveryKey', () => {
  it('When derived twice from the same cause, then both keys are identical (retries land on one notification)', () => {
    const a = orderDeliveryKey({ orderId, type: 'order.paid', eventId });
    expect(orderDeliveryKey({ orderId, type: 'order.paid', eventId })).toEqual(a);
    expect(a).toEqual({ dedupeKey: `order:${orderId}:order.paid`, messageId: `<${eventId}.order.paid@keel.local>` });
  });

  it('When the type differs, then the dedupe key and the Message-ID differ', () => {
    const paid = orderDeliveryKey({ orderId, type: 'order.paid', eventId });
    const cancelled = orderDeliveryKey({ orderId, type: 'order.cancelled', eventId });
    expect(paid.dedupeKey).not.toBe(cancelled.dedupeKey);
    expect(paid.messageId).not.toBe(cancelled.messageId);
  });
});

describe('Notification', () => {
  it('When created, then it is a PENDING email with no attempts yet', () => {
    const n = create();
    expect(n).toMatchObject({ status: 'PENDING', channel: 'email', attempts: 0, lastError: null, sentAt: null, isPending: true });
  });

  it('When the mail server accepts it, then SENT with sentAt and the attempt counted', () => {
    const n = create();
    n.markSent(later);
    expect(n).toMatchObject({ status: 'SENT', sentAt: later, attempts: 1, isPending: false });
  });

  it('When an attempt fails transiently, then it stays PENDING with the error and the attempt recorded', () => {
    const n = create();
    n.recordFailedAttempt('connect ECONNREFUSED 127.0.0.1:2525', { permanent: false });
    expect(n).toMatchObject({ status: 'PENDING', attempts: 1, lastError: 'connect ECONNREFUSED 127.0.0.1:2525' });
    n.markSent(later);
    expect(n).toMatchObject({ status: 'SENT', attempts: 2, lastError: 'connect ECONNREFUSED 127.0.0.1:2525' });
  });

  it('When the failure is permanent, then FAILED at once', () => {
    const n = create();
    n.recordFailedAttempt('550 mailbox unavailable', { permanent: true });
    expect(n).toMatchObject({ status: 'FAILED', attempts: 1, sentAt: null });
  });

  it(`When ${MAX_DELIVERY_ATTEMPTS} attempts have failed, then FAILED (given up together with the job)`, () => {
    const n = create();
    for (let i = 1; i < MAX_DELIVERY_ATTEMPTS; i++) n.recordFailedAttempt('timeout', { permanent: false });
    expect(n.status).toBe('PENDING');
    n.recordFailedAttempt('timeout', { permanent: false });
    expect(n).toMatchObject({ status: 'FAILED', attempts: MAX_DELIVERY_ATTEMPTS });
  });

  it('When SENT or FAILED, then no further outcome can be recorded', () => {
    const sent = create();
    sent.markSent(later);
    expect(() => sent.markSent(later)).toThrow(NotificationNotPendingError);
    expect(() => sent.recordFailedAttempt('x', { permanent: false })).toThrow(NotificationNotPendingError);
    const failed = create();
    failed.recordFailedAttempt('550', { permanent: true });
    expect(() => failed.markSent(later)).toThrow(NotificationNotPendingError);
  });

  it('When the error text is huge or blank, then it is stored bounded and never empty', () => {
    const n = create();
    n.recordFailedAttempt('x'.repeat(10_000), { permanent: false });
    expect(n.lastError).toHaveLength(LAST_ERROR_MAX_LENGTH);
    n.recordFailedAttempt('   ', { permanent: false });
    expect(n.lastError).toBe('Unknown error');
  });

  it('When the subject spans lines or the recipient is blank, then the invariant is enforced', () => {
    expect(() => create({ subject: 'Hello\r\nBcc: victim@example.com' })).toThrow(InvariantViolationError);
    expect(() => create({ recipient: ' ' })).toThrow(InvariantViolationError);
  });

  it('When restored as SENT without sentAt, then the invariant is enforced', () => {
    const n = create();
    expect(() =>
      Notification.restore('n1', {
        userId: n.userId,
        type: n.type,
        channel: n.channel,
        status: 'SENT',
        recipient: n.recipient,
        subject: n.subject,
        bodyText: n.bodyText,
        bodyHtml: n.bodyHtml,
        dedupeKey: n.dedupeKey,
        messageId: n.messageId,
        attempts: 1,
        lastError: null,
        createdAt: now,
        sentAt: null,
      }),
    ).toThrow(InvariantViolationError);
  });
});
