import { TransactionHost } from '@nestjs-cls/transactional';
import type { EventEnvelope } from '@keel/messaging';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SendOrderEmailOnOrderEvent } from '../../../libs/notifications/src/application';
import type { TestApp } from '../../support/test-app';
import { signUp, signUpUnverified, uniqueEmail } from '../../support/users';

export interface RegisteredUser {
  id: string;
  email: string;
  accessToken: string;
}

/** Registers a customer through the HTTP API (a real user id), verifies its address (unless asked not to) and logs it in. */
export async function registerUser(
  t: TestApp,
  options: { email?: string; name?: string; verified?: boolean } = {},
): Promise<RegisteredUser> {
  const email = options.email ?? uniqueEmail('buyer');
  const name = options.name ?? 'Ada Lovelace';
  const user = options.verified === false ? await signUpUnverified(t, email, name) : await signUp(t, email, name);
  return { id: user.id, email, accessToken: user.accessToken };
}

/** An order event as the outbox relay would deliver it. */
export function orderEvent(
  eventName: string,
  payload: { orderId?: string; userId: string } & Record<string, unknown>,
): EventEnvelope<never> {
  const orderId = payload.orderId ?? randomUUID();
  return {
    eventId: randomUUID(),
    eventName,
    aggregateId: orderId,
    occurredAt: new Date().toISOString(),
    payload: { ...payload, orderId } as never,
  };
}

export const confirmed = (userId: string, orderId = randomUUID(), total = { amount: 1999, currency: 'USD' }) =>
  orderEvent('orders.order-confirmed', { orderId, userId, total });

/** Delivers an event the way the platform does: handle() inside one database transaction. */
export function deliver(t: TestApp, event: EventEnvelope<never>): Promise<void> {
  const consumer = t.app.get(SendOrderEmailOnOrderEvent);
  return t.app.get(TransactionHost).withTransaction(() => consumer.handle(event));
}

export interface NotificationRow {
  id: string;
  user_id: string;
  type: string;
  status: string;
  recipient: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  dedupe_key: string;
  message_id: string;
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
}

export async function notificationRows(t: TestApp, orderId: string): Promise<NotificationRow[]> {
  return t.app
    .get(DataSource)
    .query(`SELECT * FROM notifications.notifications WHERE dedupe_key LIKE $1 ORDER BY created_at`, [`order:${orderId}:%`]);
}

export const bearer = (user: RegisteredUser) => ({ authorization: `Bearer ${user.accessToken}` });

/** A header of a raw RFC 5322 message, unfolded (long headers such as Message-ID wrap onto continuation lines). */
export function mailHeader(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  return new RegExp(`^${name}: (.*)$`, 'mi').exec(head)?.[1]?.trim();
}

/** The raw message with quoted-printable soft line breaks and escapes decoded, for asserting on body text. */
export function decodedMail(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
