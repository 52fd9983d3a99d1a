export const EMAIL_SENDER = Symbol('EmailSender');

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string | null;
  /** Sent as the `Message-ID` header, angle brackets included: `<…@keel.local>`. */
  messageId: string;
}

/** Hands one email to the outside world (an SMTP server, or the development mailbox). */
export interface EmailSender {
  /**
   * Resolves once the message is accepted (for SMTP: the server answered 250 to DATA).
   * Throws EmailRejectedError when the server refused it; anything else is transient.
   */
  send(email: OutgoingEmail): Promise<void>;
}

/** The mail server refused the message. `permanent` (5xx for the recipient or message): retrying cannot help. */
export class EmailRejectedError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'EmailRejectedError';
  }
}
