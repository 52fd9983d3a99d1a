import { Inject, Logger } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '@keel/messaging';
import { NotFoundError } from '@keel/kernel/domain';
import { PAYMENT_REPOSITORY, type PaymentRepository } from '../../../domain';
import { countPayment } from '../../payments.metrics';
import { PAYMENT_PROVIDER_REGISTRY, type PaymentProviderRegistry, WebhookAmountMismatchError } from '../../ports/payment-provider.port';
import { PAYMENTS_SETTINGS, type PaymentsSettings } from '../../ports/payments-settings.port';
import { WEBHOOK_INBOX, type WebhookInbox } from '../../ports/webhook-inbox.port';
import { HandleWebhookCommand, type WebhookResult } from './handle-webhook.command';

/**
 * A provider's webhook: verified over the raw body, claimed by event id (a
 * replay changes nothing), applied to the payment if it is still PENDING; the
 * order moves on through the outbox. Quick: no outbound calls.
 * One unit of work (TransactionalCommandHandler): the event id's claim commits
 * with the payment's change and its outbox rows, or none of them does, so a
 * failed attempt leaves the event unclaimed and the provider's redelivery applies it.
 */
@TransactionalCommandHandler(HandleWebhookCommand)
export class HandleWebhookHandler implements ICommandHandler<HandleWebhookCommand> {
  private readonly logger = new Logger(HandleWebhookHandler.name);

  constructor(
    @Inject(PAYMENT_REPOSITORY) private readonly payments: PaymentRepository,
    @Inject(PAYMENT_PROVIDER_REGISTRY) private readonly providers: PaymentProviderRegistry,
    @Inject(WEBHOOK_INBOX) private readonly inbox: WebhookInbox,
    @Inject(PAYMENTS_SETTINGS) private readonly settings: PaymentsSettings,
  ) {}

  async execute({ provider: providerName, rawBody, headers }: HandleWebhookCommand): Promise<WebhookResult> {
    // Switched off, the webhook secrets may be the sandbox's public ones: accept nothing rather than trust them.
    if (!this.settings.enabled) throw new NotFoundError('Payments are disabled (PAYMENTS_ENABLED=false); no webhooks are accepted.');
    const provider = this.providers.get(providerName);
    if (!provider) throw new NotFoundError(`No webhook for provider ${providerName}.`);
    const event = provider.parseWebhook(rawBody, headers, new Date());
    if (!(await this.inbox.claim(provider.name, event.eventId, event.type))) {
      this.logger.log({ provider: provider.name, eventId: event.eventId }, 'Webhook event already processed; ignored');
      return { received: true, duplicate: true };
    }
    if (event.type === 'ignored' || event.type === 'charge.refunded' || !event.providerReference)
      return { received: true, duplicate: false };
    const payment = await this.payments.findByReference(provider.name, event.providerReference);
    // A signed event about another amount is a provider-side mistake or an attack on a leaked secret: refused (the
    // claim rolls back with it), logged for a person to look at, and never allowed to settle or refund this payment.
    if (
      payment &&
      event.charged &&
      (event.charged.amount !== payment.amount.amount || event.charged.currency !== payment.amount.currency)
    ) {
      this.logger.warn(
        {
          provider: provider.name,
          eventId: event.eventId,
          paymentId: payment.id,
          orderId: payment.orderId,
          expected: payment.amount.toJSON(),
          charged: event.charged,
        },
        'Webhook amount or currency differs from the payment; refused',
      );
      throw new WebhookAmountMismatchError();
    }
    if (payment && event.type === 'charge.succeeded' && payment.noteLateCharge(event.providerReference)) {
      this.logger.warn(
        { provider: provider.name, paymentId: payment.id, orderId: payment.orderId },
        'Charge succeeded for a FAILED payment; refunding it',
      );
      // The payment itself does not change; saving it is what records LateChargeDetected in the outbox.
      await this.payments.update(payment);
      return { received: true, duplicate: false };
    }
    if (!payment || payment.isSettled) {
      // Settled by the provider's answer already, or not recorded yet (the answer will settle it).
      this.logger.log({ provider: provider.name, eventId: event.eventId, status: payment?.status }, 'Webhook needs no change');
      return { received: true, duplicate: false };
    }
    if (event.type === 'charge.succeeded') payment.succeed(event.providerReference, new Date());
    else payment.fail(event.reason ?? 'Payment failed', event.providerReference, new Date());
    await this.payments.update(payment);
    countPayment(payment);
    return { received: true, duplicate: false };
  }
}
