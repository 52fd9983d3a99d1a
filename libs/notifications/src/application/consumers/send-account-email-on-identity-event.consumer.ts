import { Inject, Logger } from '@nestjs/common';
import { type EventEnvelope, EventConsumer, type IntegrationEventHandler } from '@keel/messaging';
import { ACCOUNT_EMAIL_EVENTS, ACCOUNT_EMAILS, type AccountEmailRequestedPayload, describeValidity } from '../emails/account-email';
import { ACCOUNT_LINK_ISSUER, type AccountLinkIssuer } from '../ports/account-links.port';
import { EMAIL_SENDER, EmailRejectedError, type EmailSender } from '../ports/email-sender.port';
import { EMAIL_TEMPLATE_RENDERER, type EmailTemplateRenderer } from '../ports/email-template-renderer.port';

/**
 * Sends the account emails identity asks for: verification, "you already have
 * an account" (with a reset link) and password reset.
 *
 * The one-time link is minted here, when the email goes out (identity stores
 * only its hash), so no token ever sits in the outbox or in a stored
 * notification: unlike order emails, account emails are not recorded in
 * `notifications.notifications` (their bodies are live credentials). The link
 * is minted in the delivery's transaction: a failed send rolls it back, and
 * the retry mints another. A repeat after the one unavoidable window (sent,
 * then the commit failed) carries the same Message-ID, derived from the event.
 *
 * No user-supplied text (not even the name) goes into these emails: the
 * address may not belong to whoever registered it.
 */
@EventConsumer({ name: 'notifications.account-emails', events: ACCOUNT_EMAIL_EVENTS, timeoutMs: 60_000 })
export class SendAccountEmailOnIdentityEvent implements IntegrationEventHandler<AccountEmailRequestedPayload> {
  private readonly logger = new Logger(SendAccountEmailOnIdentityEvent.name);

  constructor(
    @Inject(ACCOUNT_LINK_ISSUER) private readonly links: AccountLinkIssuer,
    @Inject(EMAIL_TEMPLATE_RENDERER) private readonly templates: EmailTemplateRenderer,
    @Inject(EMAIL_SENDER) private readonly sender: EmailSender,
  ) {}

  async handle(event: EventEnvelope<AccountEmailRequestedPayload>): Promise<void> {
    const spec = ACCOUNT_EMAILS[event.eventName];
    const userId = event.payload?.userId;
    if (!spec || typeof userId !== 'string') return this.logger.error(`Account email skipped: unusable event ${event.eventName}`);
    const link = await this.links.issue(userId, spec.kind);
    if (!link) return; // the user is gone, or verified meanwhile: nothing to say
    const content = await this.templates.render(spec.template, { link: link.url, validFor: describeValidity(link.validForMinutes) });
    try {
      await this.sender.send({
        to: link.email,
        subject: content.subject,
        text: content.bodyText,
        html: content.bodyHtml,
        messageId: `<${event.eventId}.${spec.template}@keel.local>`,
      });
    } catch (error) {
      if (error instanceof EmailRejectedError && error.permanent) {
        // Refused for good (e.g. no such mailbox): retrying cannot help.
        return this.logger.warn(`Account email ${spec.template} refused permanently: ${error.message}`);
      }
      throw error;
    }
  }
}
