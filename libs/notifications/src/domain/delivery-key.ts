import type { NotificationType } from './notification-type';

/** The host part of every Message-ID we generate. */
export const MESSAGE_ID_DOMAIN = 'keel.local';

/**
 * The two identities of one email, both derived from what caused it (never random), so that
 * every retry and redelivery of the same cause lands on the same notification and, if the
 * mail really goes out twice, carries the same Message-ID.
 *
 * - `dedupeKey`: one email per (order, type). The database enforces it with a unique index,
 *   so even a second, distinct event about the same order and outcome sends nothing new.
 * - `messageId`: RFC 5322 Message-ID derived from the event that caused the email; receiving
 *   MTAs and mail clients treat two messages with one Message-ID as one message.
 */
export interface DeliveryKey {
  dedupeKey: string;
  messageId: string;
}

export function orderDeliveryKey(input: { orderId: string; type: NotificationType; eventId: string }): DeliveryKey {
  return {
    dedupeKey: `order:${input.orderId}:${input.type}`,
    messageId: `<${input.eventId}.${input.type}@${MESSAGE_ID_DOMAIN}>`,
  };
}
