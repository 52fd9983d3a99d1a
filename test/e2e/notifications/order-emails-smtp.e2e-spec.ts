import { randomUUID } from 'node:crypto';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { DataSource } from 'typeorm';
import { NotificationDeliveryInProgressError } from '../../../libs/notifications/src/application';
import { freePort } from '../../support/processes';
import { startTestApp, TestApp } from '../../support/test-app';
import { bearer, confirmed, decodedMail, deliver, mailHeader, notificationRows, orderEvent, registerUser } from './notifications-support';

interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on a local port that keeps every message it accepts. */
class Mailbox {
  readonly received: ReceivedMail[] = [];
  private server?: SMTPServer;

  constructor(readonly port: number) {}

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address: SMTPServerAddress, _session, callback) => {
        if (address.address.startsWith('bounce-')) {
          return callback(Object.assign(new Error('5.1.1 Mailbox unavailable'), { responseCode: 550 }));
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          this.received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((ok, fail) => {
      this.server!.once('error', fail);
      this.server!.listen(this.port, '127.0.0.1', () => ok());
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((done) => server.close(() => done()));
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address));
  }
}

describe('Order emails over SMTP', () => {
  let t: TestApp;
  let mailbox: Mailbox;

  beforeAll(async () => {
    mailbox = new Mailbox(await freePort());
    await mailbox.start();
    t = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${mailbox.port}` });
  });
  afterAll(async () => {
    delete process.env.SMTP_URL;
    await t?.close();
    await mailbox?.stop();
  });

  it('When the customer has not verified their address, then no order email is sent and none is recorded', async () => {
    const user = await registerUser(t, { verified: false, name: 'Visit evil.example' });
    const event = confirmed(user.id);

    await deliver(t, event);

    expect(mailbox.to(user.email)).toHaveLength(0);
    expect(await notificationRows(t, event.aggregateId)).toEqual([]);
  });

  it('When an order is confirmed, then exactly one email goes out with a Message-ID derived from the event, and it is listed as SENT', async () => {
    const user = await registerUser(t, { name: 'Grace Hopper' });
    const event = confirmed(user.id, randomUUID(), { amount: 123456, currency: 'USD' });

    await deliver(t, event);

    const mails = mailbox.to(user.email);
    expect(mails).toHaveLength(1);
    expect(mailHeader(mails[0].raw, 'Message-ID')).toBe(`<${event.eventId}.order.confirmed@keel.local>`);
    expect(mailHeader(mails[0].raw, 'Subject')).toBe(`Your order ${event.aggregateId.slice(0, 8).toUpperCase()} is confirmed`);
    expect(decodedMail(mails[0].raw)).toContain('Hello,');
    // No user-supplied text in an email: the name stays out, so it can never become a link there.
    expect(decodedMail(mails[0].raw)).not.toContain('Grace Hopper');
    expect(decodedMail(mails[0].raw)).toContain('Order total: USD 1,234.56');
    expect(mails[0].raw).toMatch(/Content-Type: text\/html/i);
    const [row] = await notificationRows(t, event.aggregateId);
    expect(row).toMatchObject({ status: 'SENT', attempts: 1, last_error: null, recipient: user.email, user_id: user.id });
    expect(row.sent_at).toBeInstanceOf(Date);

    const list = await t.http().get('/api/v1/notifications').set(bearer(user)).expect(200);
    expect(list.body.items).toEqual([
      {
        id: row.id,
        type: 'order.confirmed',
        channel: 'email',
        status: 'SENT',
        subject: row.subject,
        createdAt: expect.any(String),
        sentAt: expect.any(String),
      },
    ]);
  });

  it('When the same event is delivered again (redelivery), then no second email is sent', async () => {
    const user = await registerUser(t);
    const event = confirmed(user.id);
    await deliver(t, event);
    await deliver(t, event);
    await deliver(t, { ...event });
    expect(mailbox.to(user.email)).toHaveLength(1);
    expect(await notificationRows(t, event.aggregateId)).toHaveLength(1);
  });

  it('When a second, different event about the same order and outcome arrives, then still one email per (order, event)', async () => {
    const user = await registerUser(t);
    const orderId = randomUUID();
    await deliver(t, confirmed(user.id, orderId));
    await deliver(t, confirmed(user.id, orderId));
    await deliver(t, orderEvent('orders.order-paid', { orderId, userId: user.id }));
    const subjects = mailbox.to(user.email).map((m) => mailHeader(m.raw, 'Subject'));
    expect(subjects).toHaveLength(2);
    expect(subjects[1]).toMatch(/^Payment received for your order/);
  });

  it('When the same event is delivered twice at the same moment, then still exactly one email', async () => {
    const user = await registerUser(t);
    const event = orderEvent('orders.order-paid', { userId: user.id });
    const outcomes = await Promise.allSettled([deliver(t, event), deliver(t, event), deliver(t, event)]);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(NotificationDeliveryInProgressError);
    }
    await deliver(t, event);
    expect(mailbox.to(user.email)).toHaveLength(1);
    expect(await notificationRows(t, event.aggregateId)).toMatchObject([{ status: 'SENT', attempts: 1 }]);
  });

  it('When an attempt died while sending (its claim not yet expired), then the retry waits; once the claim expires, it sends once', async () => {
    const user = await registerUser(t);
    const event = confirmed(user.id);
    await mailbox.stop();
    try {
      await expect(deliver(t, event)).rejects.toThrow();
    } finally {
      await mailbox.start();
    }
    const db = t.app.get(DataSource);
    const [row] = await notificationRows(t, event.aggregateId);
    await db.query(`UPDATE notifications.notifications SET claimed_until = now() + interval '1 minute' WHERE id = $1`, [row.id]);
    await expect(deliver(t, event)).rejects.toBeInstanceOf(NotificationDeliveryInProgressError);
    expect(mailbox.to(user.email)).toHaveLength(0);

    await db.query(`UPDATE notifications.notifications SET claimed_until = now() - interval '1 second' WHERE id = $1`, [row.id]);
    await deliver(t, event);
    expect(mailbox.to(user.email)).toHaveLength(1);
    expect((await notificationRows(t, event.aggregateId))[0]).toMatchObject({ status: 'SENT', attempts: 2 });
  });

  it('When the SMTP server is down, then handle() throws and the notification stays PENDING with the error; once it is back, the retry sends exactly one email', async () => {
    const user = await registerUser(t);
    const event = orderEvent('orders.order-cancelled', { userId: user.id, reason: 'requested-by-customer', previousStatus: 'PAID' });
    await mailbox.stop();
    try {
      await expect(deliver(t, event)).rejects.toThrow();
    } finally {
      await mailbox.start();
    }
    const [pending] = await notificationRows(t, event.aggregateId);
    expect(pending).toMatchObject({ status: 'PENDING', attempts: 1, sent_at: null, type: 'order.cancelled' });
    expect(pending.last_error).toMatch(/ECONNREFUSED|connect/i);
    const listed = await t.http().get('/api/v1/notifications').set(bearer(user)).expect(200);
    expect(listed.body.items).toMatchObject([{ id: pending.id, status: 'PENDING', sentAt: null }]);

    await deliver(t, event);
    await deliver(t, event);

    const mails = mailbox.to(user.email);
    expect(mails).toHaveLength(1);
    expect(mailHeader(mails[0].raw, 'Message-ID')).toBe(pending.message_id);
    expect(decodedMail(mails[0].raw)).toContain('Reason: Requested by customer.');
    expect(decodedMail(mails[0].raw)).toContain('refunded in full');
    const [sent] = await notificationRows(t, event.aggregateId);
    expect(sent).toMatchObject({ id: pending.id, status: 'SENT', attempts: 2 });
  });

  it('When the server refuses the recipient for good (550), then the notification is FAILED and the event is not retried', async () => {
    const user = await registerUser(t, { email: `bounce-${randomUUID().slice(0, 8)}@example.com` });
    const event = orderEvent('orders.order-rejected', { userId: user.id, reason: 'insufficient-stock' });
    await expect(deliver(t, event)).resolves.toBeUndefined();
    const [row] = await notificationRows(t, event.aggregateId);
    expect(row).toMatchObject({ status: 'FAILED', attempts: 1, sent_at: null });
    expect(row.last_error).toMatch(/550/);
    await deliver(t, event);
    expect((await notificationRows(t, event.aggregateId))[0].attempts).toBe(1);
    expect(mailbox.to(user.email)).toHaveLength(0);
  });

  it('When the user no longer exists or the event carries no user, then nothing is sent and nothing is retried', async () => {
    const before = mailbox.received.length;
    const ghost = confirmed(randomUUID());
    await expect(deliver(t, ghost)).resolves.toBeUndefined();
    await expect(deliver(t, orderEvent('orders.order-paid', { userId: '' }))).resolves.toBeUndefined();
    expect(await notificationRows(t, ghost.aggregateId)).toHaveLength(0);
    expect(mailbox.received.length).toBe(before);
  });
});
