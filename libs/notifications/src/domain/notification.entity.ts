import { AggregateRoot, invariant } from '@keel/kernel/domain';
import type { DeliveryKey } from './delivery-key';
import { NotificationNotPendingError } from './notifications.errors';
import type { NotificationChannel, NotificationStatus, NotificationType } from './notification-type';

/**
 * Send attempts before a notification is given up as FAILED. Matches the
 * attempts of the job that delivers it, so the row and the job give up together.
 */
export const MAX_DELIVERY_ATTEMPTS = 8;
/** Stored error texts are cut to this length: enough to diagnose, never a stack dump. */
export const LAST_ERROR_MAX_LENGTH = 500;
/** RFC 5322 line limit; subjects are one line. */
export const SUBJECT_MAX_LENGTH = 998;

export interface EmailContent {
  subject: string;
  bodyText: string;
  bodyHtml: string | null;
}

export interface NotificationProps extends EmailContent {
  userId: string;
  type: NotificationType;
  channel: NotificationChannel;
  status: NotificationStatus;
  recipient: string;
  dedupeKey: string;
  messageId: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/**
 * One message to one user about one thing that happened, and the record of
 * delivering it: PENDING until the mail server accepts it (SENT) or we give up
 * (FAILED). Its dedupe key makes it unique per cause; its content is fixed at
 * creation, so every retry sends exactly the same message.
 */
export class Notification extends AggregateRoot {
  private constructor(
    id: string,
    private props: NotificationProps,
  ) {
    super(id);
    this.validate();
  }

  static createEmail(input: {
    id: string;
    userId: string;
    type: NotificationType;
    recipient: string;
    content: EmailContent;
    key: DeliveryKey;
    now: Date;
  }): Notification {
    return new Notification(input.id, {
      userId: input.userId,
      type: input.type,
      channel: 'email',
      status: 'PENDING',
      recipient: input.recipient,
      subject: input.content.subject,
      bodyText: input.content.bodyText,
      bodyHtml: input.content.bodyHtml,
      dedupeKey: input.key.dedupeKey,
      messageId: input.key.messageId,
      attempts: 0,
      lastError: null,
      createdAt: input.now,
      sentAt: null,
    });
  }

  /** Rebuilds a stored notification. */
  static restore(id: string, props: NotificationProps): Notification {
    return new Notification(id, { ...props });
  }

  get userId(): string {
    return this.props.userId;
  }
  get type(): NotificationType {
    return this.props.type;
  }
  get channel(): NotificationChannel {
    return this.props.channel;
  }
  get status(): NotificationStatus {
    return this.props.status;
  }
  get recipient(): string {
    return this.props.recipient;
  }
  get subject(): string {
    return this.props.subject;
  }
  get bodyText(): string {
    return this.props.bodyText;
  }
  get bodyHtml(): string | null {
    return this.props.bodyHtml;
  }
  get dedupeKey(): string {
    return this.props.dedupeKey;
  }
  get messageId(): string {
    return this.props.messageId;
  }
  get attempts(): number {
    return this.props.attempts;
  }
  get lastError(): string | null {
    return this.props.lastError;
  }
  get createdAt(): Date {
    return this.props.createdAt;
  }
  get sentAt(): Date | null {
    return this.props.sentAt;
  }

  /** Still to be delivered: SENT and FAILED are final. */
  get isPending(): boolean {
    return this.props.status === 'PENDING';
  }

  /** The mail server accepted the message. */
  markSent(now: Date): void {
    this.assertPending();
    this.props.attempts += 1;
    this.props.status = 'SENT';
    this.props.sentAt = now;
    this.validate();
  }

  /**
   * A send attempt failed. The notification stays PENDING for the next retry,
   * unless the failure is permanent (the server refused the recipient or the
   * message) or this was the last allowed attempt: then it is FAILED.
   */
  recordFailedAttempt(error: string, options: { permanent: boolean }): void {
    this.assertPending();
    this.props.attempts += 1;
    this.props.lastError = truncate(error.trim() || 'Unknown error', LAST_ERROR_MAX_LENGTH);
    if (options.permanent || this.props.attempts >= MAX_DELIVERY_ATTEMPTS) this.props.status = 'FAILED';
    this.validate();
  }

  private assertPending(): void {
    if (!this.isPending) throw new NotificationNotPendingError(this.props.status);
  }

  private validate(): void {
    const p = this.props;
    invariant(p.recipient.trim().length > 0, 'A notification has a recipient');
    invariant(
      p.subject.length > 0 && p.subject.length <= SUBJECT_MAX_LENGTH && !/[\r\n]/.test(p.subject),
      'A subject is one non-empty line',
    );
    invariant(p.bodyText.length > 0, 'A notification has a text body');
    invariant(p.dedupeKey.length > 0 && p.messageId.length > 0, 'A notification has a dedupe key and a Message-ID');
    invariant(Number.isInteger(p.attempts) && p.attempts >= 0, 'Attempts are a non-negative integer');
    invariant((p.status === 'SENT') === (p.sentAt !== null), 'A notification has sentAt exactly when it is SENT');
  }
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
