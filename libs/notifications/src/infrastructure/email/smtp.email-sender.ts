import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type NodemailerError } from 'nodemailer';
import { EmailRejectedError, type EmailSender, type OutgoingEmail } from '../../application';
import { MAIL_FROM } from './mail-from';

/** No step of an SMTP exchange may hang a job: connecting, the greeting and any silence are bounded. */
export const SMTP_TIMEOUT_MS = 10_000;

/** Failures that concern this message or recipient (not the connection, TLS or credentials). */
const MESSAGE_LEVEL_CODES = new Set(['EENVELOPE', 'EMESSAGE']);

/**
 * Sends through the SMTP server at SMTP_URL (`smtp://` or `smtps://`, with
 * credentials and options in the URL as nodemailer reads them). One connection
 * per message: mail volume follows orders, and nothing stays open to go stale.
 */
export class SmtpEmailSender implements EmailSender, OnApplicationShutdown {
  private readonly logger = new Logger(SmtpEmailSender.name);
  private readonly transport;

  constructor(url: string) {
    // Values in the URL win over these defaults.
    this.transport = createTransport({
      url,
      connectionTimeout: SMTP_TIMEOUT_MS,
      greetingTimeout: SMTP_TIMEOUT_MS,
      socketTimeout: SMTP_TIMEOUT_MS,
    });
  }

  async send(email: OutgoingEmail): Promise<void> {
    try {
      await this.transport.sendMail({
        from: MAIL_FROM,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html ?? undefined,
        messageId: email.messageId,
      });
    } catch (error) {
      throw classify(error as NodemailerError);
    }
    this.logger.log(`Email accepted by the SMTP server: messageId=${email.messageId}`);
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}

/** A refused recipient or message is permanent for 5xx replies (except 503); everything else is worth a retry. */
function classify(error: NodemailerError): Error {
  if (typeof error.responseCode === 'number') {
    const permanent = error.permanent === true && MESSAGE_LEVEL_CODES.has(error.code ?? '');
    return new EmailRejectedError(`SMTP ${error.code ?? 'error'}: ${error.response ?? error.message}`, permanent);
  }
  return error;
}
