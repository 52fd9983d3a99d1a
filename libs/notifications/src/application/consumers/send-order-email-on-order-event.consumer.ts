import { Inject, Logger } from '@nestjs/common';
import { Propagation, TransactionHost } from '@nestjs-cls/transactional';
import { type EventEnvelope, EventConsumer, type IntegrationEventHandler } from '@keel/messaging';
import { randomUUID } from 'node:crypto';
import { Notification, NOTIFICATION_REPOSITORY, type NotificationRepository, orderDeliveryKey } from '../../domain';
import { ORDER_EMAIL_EVENTS, type OrderEmailEventPayload } from '../consumed-events';
import { EMAIL_SENDER, EmailRejectedError, type EmailSender } from '../ports/email-sender.port';
import { EMAIL_TEMPLATE_RENDERER, type EmailTemplateRenderer } from '../ports/email-template-renderer.port';
import { NOTIFICATION_LINKS, type NotificationLinks } from '../ports/notification-links.port';
import { USER_CONTACTS, type UserContacts } from '../ports/user-contacts.port';
import { orderEmailFor, UnusableOrderEventError } from '../emails/order-email';

/**
 * How long one attempt may hold a notification while sending. Well above the
 * SMTP timeouts, so it expires only when the attempt's process died.
 */
export const DELIVERY_CLAIM_MS = 120_000;

/** Another attempt is sending this notification right now; the job retries later and finds it settled. */
export class NotificationDeliveryInProgressError extends Error {
  override readonly name = 'NotificationDeliveryInProgressError';
}

/**
 * Emails the customer when their order is confirmed, rejected, paid, fails
 * payment or is cancelled: one email per (order, event), however often the
 * event is delivered.
 *
 * The platform runs `handle` in a transaction with the inbox record and rolls
 * it back when `handle` throws. The notification row must survive that
 * rollback (a failed attempt is recorded, then the job retries), so every write
 * to it commits on its own, at once (`Propagation.RequiresNew`):
 *
 *  1. insert the notification PENDING under its unique dedupe key
 *     (`ON CONFLICT DO NOTHING`); if it already exists and is SENT (or FAILED),
 *     stop: this is a redelivery;
 *  2. claim it for this attempt (a short lease on the row, so two concurrent
 *     deliveries of the same cause cannot both send), then send it through the
 *     EmailSender with the Message-ID derived from the event;
 *  3. mark it SENT (with sentAt) in its own one-row transaction, immediately;
 *     if sending threw, record attempts and lastError instead and rethrow.
 *
 * The one unavoidable window: the process dies after the SMTP server accepted
 * the message (step 2) and before step 3 commits. No protocol can close it (the
 * mail server and our database share no transaction); it is kept to one
 * single-row UPDATE on an already-open connection, milliseconds. The redelivery
 * then sends again, with the SAME Message-ID and content, which receiving MTAs
 * and mail clients de-duplicate. See libs/notifications/README.md.
 *
 * Two different events for the same (order, type) meet at the dedupe key; two
 * concurrent deliveries of one event, at the claim.
 */
// 60 s per job: room for the SMTP timeouts (10 s per phase) of one send.
// The job keeps the default retry budget (minutes), longer than DELIVERY_CLAIM_MS: after a
// worker died mid-send, retries find the notification claimed until the claim expires and
// must still be there to send it. SMTP failures are counted on the notification, which
// becomes FAILED after MAX_DELIVERY_ATTEMPTS (domain); later retries then find nothing to send.
@EventConsumer({ name: 'notifications.order-emails', events: ORDER_EMAIL_EVENTS, timeoutMs: 60_000 })
export class SendOrderEmailOnOrderEvent implements IntegrationEventHandler<OrderEmailEventPayload> {
  private readonly logger = new Logger(SendOrderEmailOnOrderEvent.name);

  constructor(
    private readonly txHost: TransactionHost,
    @Inject(USER_CONTACTS) private readonly contacts: UserContacts,
    @Inject(NOTIFICATION_REPOSITORY) private readonly notifications: NotificationRepository,
    @Inject(EMAIL_TEMPLATE_RENDERER) private readonly templates: EmailTemplateRenderer,
    @Inject(EMAIL_SENDER) private readonly sender: EmailSender,
    @Inject(NOTIFICATION_LINKS) private readonly links: NotificationLinks,
  ) {}

  async handle(event: EventEnvelope<OrderEmailEventPayload>): Promise<void> {
    let email;
    try {
      email = orderEmailFor(event, this.links);
    } catch (error) {
      // A malformed or unknown event will not improve with retries: log it loudly and let it go.
      if (error instanceof UnusableOrderEventError) return this.logger.error(`Order email skipped: ${error.message}`);
      throw error;
    }
    const key = orderDeliveryKey({ orderId: email.orderId, type: email.type, eventId: event.eventId });

    // A redelivery of a settled notification needs neither the user nor a template.
    let notification = await this.notifications.findByDedupeKey(key.dedupeKey);
    if (!notification) {
      const contact = await this.contacts.findContact(email.userId);
      if (!contact) {
        this.logger.warn(`Order email ${email.type} for order ${email.orderId} skipped: user ${email.userId} no longer exists`);
        return;
      }
      if (!contact.emailVerified) {
        // Nobody proved this address is theirs: Keel mails it nothing but account emails.
        this.logger.warn(`Order email ${email.type} for order ${email.orderId} skipped: the user's address is not verified`);
        return;
      }
      // Rendered before the insert so the row holds exactly what is sent, on every attempt.
      // No user-supplied text (not even the name) goes into an email: a mail client could turn it into a link.
      const content = await this.templates.render(email.template, email.variables);
      const draft = Notification.createEmail({
        id: randomUUID(),
        userId: email.userId,
        type: email.type,
        recipient: contact.email,
        content,
        key,
        now: new Date(),
      });
      notification = await this.committed(() => this.notifications.insertIfAbsent(draft));
    }
    if (!notification.isPending) return;
    if (!(await this.claim(notification.id, key.dedupeKey))) return;

    try {
      await this.sender.send({
        to: notification.recipient,
        subject: notification.subject,
        text: notification.bodyText,
        html: notification.bodyHtml,
        messageId: notification.messageId,
      });
    } catch (error) {
      const permanent = error instanceof EmailRejectedError && error.permanent;
      notification.recordFailedAttempt(error instanceof Error ? error.message : String(error), { permanent });
      await this.committed(() => this.notifications.saveOutcome(notification));
      if (permanent) {
        // The server refused this recipient or message for good: retrying cannot help.
        this.logger.warn(`Notification ${notification.id} (${notification.type}) FAILED permanently: ${notification.lastError}`);
        return;
      }
      throw error;
    }

    // The window described above is from here to the commit of this update.
    notification.markSent(new Date());
    await this.committed(() => this.notifications.saveOutcome(notification));
  }

  /**
   * True when this attempt may send. False when the notification was settled meanwhile;
   * throws (the job retries) while another attempt holds it.
   */
  private async claim(id: string, dedupeKey: string): Promise<boolean> {
    if (await this.committed(() => this.notifications.claimForDelivery(id, DELIVERY_CLAIM_MS))) return true;
    const current = await this.notifications.findByDedupeKey(dedupeKey);
    if (current && !current.isPending) return false;
    throw new NotificationDeliveryInProgressError(`Notification ${id} is being sent by another attempt.`);
  }

  /** Runs a write in its own transaction that commits now, whatever happens to the caller's. */
  private committed<T>(write: () => Promise<T>): Promise<T> {
    return this.txHost.withTransaction(Propagation.RequiresNew, write);
  }
}
