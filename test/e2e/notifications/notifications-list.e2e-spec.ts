import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../../support/test-app';
import { bearer, confirmed, decodedMail, deliver, mailHeader, notificationRows, orderEvent, registerUser } from './notifications-support';

describe('GET /notifications and the development mailbox', () => {
  let t: TestApp;

  beforeAll(async () => {
    delete process.env.SMTP_URL; // no SMTP_URL: the development mailbox
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('When no token is sent, then 401 problem', async () => {
    const res = await t.http().get('/api/v1/notifications').expect(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('When SMTP_URL is unset, then the email is stored in the development mailbox exactly as it would have been sent, once', async () => {
    const user = await registerUser(t, { name: 'Ada <script>' });
    const event = orderEvent('orders.payment-failed', { userId: user.id, reason: 'card_declined' });
    await deliver(t, event);
    await deliver(t, event);

    const messages: Array<{ recipient: string; subject: string; message_id: string; raw: string }> = await t.app
      .get(DataSource)
      .query(`SELECT * FROM notifications.dev_mailbox WHERE recipient = $1`, [user.email]);
    expect(messages).toHaveLength(1);
    const [row] = await notificationRows(t, event.aggregateId);
    expect(row).toMatchObject({ status: 'SENT', type: 'order.payment_failed', attempts: 1 });
    expect(messages[0]).toMatchObject({ message_id: `<${event.eventId}.order.payment_failed@keel.local>`, subject: row.subject });
    expect(mailHeader(messages[0].raw, 'Message-ID')).toBe(`<${event.eventId}.order.payment_failed@keel.local>`);
    expect(mailHeader(messages[0].raw, 'To')).toBe(user.email);
    expect(mailHeader(messages[0].raw, 'Subject')).toBe(row.subject);
    expect(decodedMail(messages[0].raw)).toContain('Reason: Card declined.');
    // Nothing the user typed (not even the name) goes into an email.
    expect(row.body_html).toContain('Hello,');
    expect(row.body_text).toContain('Hello,');
    expect(`${row.body_html}${row.body_text}${messages[0].raw}`).not.toContain('script');
  });

  it('When two users have notifications, then each lists only their own, newest first', async () => {
    const alice = await registerUser(t);
    const bob = await registerUser(t);
    const first = confirmed(alice.id);
    await deliver(t, first);
    await deliver(t, orderEvent('orders.order-rejected', { userId: bob.id, reason: 'insufficient-stock' }));
    await deliver(t, orderEvent('orders.order-paid', { orderId: first.aggregateId, userId: alice.id }));

    const mine = await t.http().get('/api/v1/notifications').set(bearer(alice)).expect(200);
    expect(mine.body.items.map((n: { type: string }) => n.type)).toEqual(['order.paid', 'order.confirmed']);
    expect(mine.body.nextCursor).toBeNull();
    const theirs = await t.http().get('/api/v1/notifications').set(bearer(bob)).expect(200);
    expect(theirs.body.items).toMatchObject([{ type: 'order.rejected', channel: 'email', status: 'SENT' }]);
    expect(Object.keys(theirs.body.items[0]).sort()).toEqual(['channel', 'createdAt', 'id', 'sentAt', 'status', 'subject', 'type']);
  });

  it('When listed page by page, then every notification appears exactly once, newest first', async () => {
    const user = await registerUser(t);
    const orderIds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const event = confirmed(user.id, randomUUID(), { amount: 1000 + i, currency: 'JPY' });
      orderIds.push(event.aggregateId);
      await deliver(t, event);
    }
    const seen: Array<{ id: string; subject: string; createdAt: string }> = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: Record<string, string | number> = { limit: 2 };
      if (cursor) query.cursor = cursor;
      const page = await t.http().get('/api/v1/notifications').query(query).set(bearer(user)).expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen.map((n) => n.id)).size).toBe(5);
    const expectedNewestFirst = [...orderIds].reverse().map((id) => id.slice(0, 8).toUpperCase());
    expect(seen.map((n) => n.subject.split(' ')[2])).toEqual(expectedNewestFirst);
    const times = seen.map((n) => Date.parse(n.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('When limit or cursor is out of range, then 400 names the field', async () => {
    const user = await registerUser(t);
    for (const [query, field] of [
      [{ limit: 0 }, 'limit'],
      [{ limit: 101 }, 'limit'],
      [{ cursor: 'not-a-real-cursor' }, 'cursor'],
    ] as const) {
      const res = await t.http().get('/api/v1/notifications').query(query).set(bearer(user)).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('When the OpenAPI document is read, then GET /notifications is described with its item schema and problems', async () => {
    const doc = await t.http().get('/docs-json').expect(200);
    const op = doc.body.paths['/api/v1/notifications'].get;
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '500']));
    expect(doc.body.components.schemas.NotificationResponseDto.properties.status.enum).toEqual(['PENDING', 'SENT', 'FAILED']);
  });
});
