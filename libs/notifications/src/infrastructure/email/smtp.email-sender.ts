import { Logger, OnApplicationShutdown } from '@nestjs/common';
import type { NodemailerError, Transporter } from 'nodemailer';
import { EmailRejectedError, type EmailSender, type OutgoingEmail } from '../../application';
import { loadNodemailer } from './load-nodemailer';
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
  /** Created on the first message (nodemailer is loaded then): a process that never sends never loads it. */
  private transport?: Transporter;

  constructor(private readonly url: string) {}

  async send(email: OutgoingEmail): Promise<void> {
    const { createTransport } = await loadNodemailer();
    // Values in the URL win over these defaults.
    this.transport ??= createTransport({
      url: this.url,
      connectionTimeout: SMTP_TIMEOUT_MS,
      greetingTimeout: SMTP_TIMEOUT_MS,
      socketTimeout: SMTP_TIMEOUT_MS,
    });
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
    this.transport?.close();
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
