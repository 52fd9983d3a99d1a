import type { EventEnvelope } from '@keel/messaging';
import type { NotificationType } from '../../domain';
import {
  ORDER_CANCELLED,
  ORDER_CONFIRMED,
  ORDER_PAID,
  ORDER_PAYMENT_FAILED,
  ORDER_REJECTED,
  type MoneyPayload,
  type OrderCancelledPayload,
  type OrderConfirmedPayload,
  type OrderPaidPayload,
  type OrderRejectedPayload,
  type OrderPaymentFailedPayload,
} from '../consumed-events';
import { formatMoney } from '../formatting/format-money';
import type { TemplateVariables } from '../ports/email-template-renderer.port';
import type { NotificationLinks } from '../ports/notification-links.port';

/** The API's own address with the default PORT: what a development setup without PUBLIC_BASE_URL links to. */
const LOCAL_LINKS: NotificationLinks = { apiBaseUrl: 'http://localhost:3000' };

/** What one order event means for its customer's inbox: which email, built from which facts. */
export interface OrderEmail {
  type: NotificationType;
  /** Template file base name under infrastructure/templates, e.g. `order-confirmed`. */
  template: string;
  orderId: string;
  userId: string;
  /** Event-specific variables; the recipient's `name` is added once the user is looked up. */
  variables: TemplateVariables;
}

const TYPES: Record<string, NotificationType> = {
  [ORDER_CONFIRMED]: 'order.confirmed',
  [ORDER_REJECTED]: 'order.rejected',
  [ORDER_PAID]: 'order.paid',
  [ORDER_PAYMENT_FAILED]: 'order.payment_failed',
  [ORDER_CANCELLED]: 'order.cancelled',
};

/** `order.payment_failed` → `order-payment-failed`. */
export const templateFor = (type: NotificationType): string => type.replace(/[._]/g, '-');

/** Thrown for an event this consumer cannot turn into an email; retrying it cannot help. */
export class UnusableOrderEventError extends Error {
  override readonly name = 'UnusableOrderEventError';
}

/** Maps an order event to its email. Throws UnusableOrderEventError for an unknown event or a payload without ids. */
export function orderEmailFor(event: EventEnvelope<unknown>, links: NotificationLinks = LOCAL_LINKS): OrderEmail {
  const type = TYPES[event.eventName];
  if (!type) throw new UnusableOrderEventError(`No email is sent for ${event.eventName}.`);
  const payload = (event.payload ?? {}) as Record<string, unknown>;
  const orderId = payload.orderId;
  const userId = payload.userId;
  if (typeof orderId !== 'string' || !orderId || typeof userId !== 'string' || !userId) {
    throw new UnusableOrderEventError(`${event.eventName} ${event.eventId} has no orderId or userId.`);
  }
  const common = { orderId, orderNumber: orderId.slice(0, 8).toUpperCase() };
  return {
    type,
    template: templateFor(type),
    orderId,
    userId,
    variables: { ...common, ...specificVariables(event.eventName, payload, links) },
  };
}

function specificVariables(eventName: string, payload: Record<string, unknown>, links: NotificationLinks): TemplateVariables {
  switch (eventName) {
    case ORDER_CONFIRMED:
      return { total: describeTotal((payload as unknown as OrderConfirmedPayload).total) };
    case ORDER_PAID:
      return {
        total: describeTotal((payload as unknown as OrderPaidPayload).total),
        // The API redirects it to a short-lived download link; the invoice is ready seconds after payment.
        invoiceUrl: `${links.apiBaseUrl.replace(/\/+$/, '')}/api/v1/orders/${String(payload.orderId)}/invoice`,
      };
    case ORDER_REJECTED:
      return { reason: describeReason((payload as unknown as OrderRejectedPayload).reason) };
    case ORDER_PAYMENT_FAILED:
      return { reason: describeReason((payload as unknown as OrderPaymentFailedPayload).reason) };
    case ORDER_CANCELLED: {
      const { reason, previousStatus } = payload as unknown as OrderCancelledPayload;
      return {
        reason: describeReason(reason),
        moneyNote:
          previousStatus === 'PAID'
            ? 'Your payment is being refunded in full to your original payment method.'
            : 'You have not been charged for this order.',
      };
    }
    default:
      return {};
  }
}

function describeTotal(total: MoneyPayload | undefined): string {
  return total && Number.isSafeInteger(total.amount) && typeof total.currency === 'string' ? formatMoney(total) : 'the order total';
}

/** Reasons arrive as codes (`insufficient-stock`) or sentences; make them read like a sentence. */
function describeReason(reason: unknown): string {
  if (typeof reason !== 'string' || reason.trim() === '') return 'No reason was given.';
  const text = /^[a-z0-9_-]+$/.test(reason.trim()) ? reason.trim().replace(/[_-]+/g, ' ') : reason.trim();
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}
