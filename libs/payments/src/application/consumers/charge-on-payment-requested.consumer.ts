import { Inject, Logger } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { isRetryable } from '@keel/observability';
import { type EventEnvelope, EventConsumer, type IntegrationEventHandler } from '@keel/messaging';
import { Money } from '@keel/kernel/domain';
import { BrokenCircuitError, BulkheadRejectedError } from 'cockatiel';
import { randomUUID } from 'node:crypto';
import { Payment, PAYMENT_REPOSITORY, type PaymentProviderName, type PaymentRepository } from '../../domain';
import { PAYMENT_REQUESTED, type PaymentRequestedPayload } from '../consumed-events';
import { countPayment } from '../payments.metrics';
import { CHARGE_ATTEMPTS_COUNTER, type ChargeAttemptsCounter } from '../ports/charge-attempts.port';
import { PAYMENT_PROVIDER_REGISTRY, type PaymentProviderRegistry } from '../ports/payment-provider.port';
import { PAYMENTS_SETTINGS, type PaymentsSettings } from '../ports/payments-settings.port';

/** Transient provider failures of one order's charge before the payment is given up as failed (that attempt records it). */
export const CHARGE_ATTEMPTS = 5;

/** The idempotency key sent to the provider: one per order, so a retried job never charges twice. */
export const chargeIdempotencyKey = (orderId: string) => `keel-order-${orderId}`;

/** Worth another job attempt later: a retryable provider failure, or our own breaker/bulkhead refusing the call for now. */
export const isTransientChargeError = (error: unknown): boolean =>
  isRetryable(error) || error instanceof BrokenCircuitError || error instanceof BulkheadRejectedError;

/**
 * Stock is held: charge the customer with the order's provider. A decline is
 * final (FAILED); a retryable failure (network, 5xx, timeout, open breaker)
 * throws so the job retries with backoff, and the last attempt records the
 * payment as FAILED so the order never stays CONFIRMED. Outcomes go out
 * through the outbox as payments.payment-succeeded / payments.payment-failed.
 */
// The job keeps the default retry budget (minutes): provider failures are counted in
// payments.charge_attempts and settle the payment as FAILED after CHARGE_ATTEMPTS, while
// an attempt that failed because the database was down counts nothing and must not
// dead-letter the job (the order would stay CONFIRMED with no payment).
@EventConsumer({ name: 'payments.charge-on-payment-requested', events: [PAYMENT_REQUESTED], timeoutMs: 60_000 })
export class ChargeOnPaymentRequested implements IntegrationEventHandler<PaymentRequestedPayload> {
  private readonly logger = new Logger(ChargeOnPaymentRequested.name);

  constructor(
    @Inject(PAYMENT_REPOSITORY) private readonly payments: PaymentRepository,
    @Inject(PAYMENT_PROVIDER_REGISTRY) private readonly providers: PaymentProviderRegistry,
    @Inject(CHARGE_ATTEMPTS_COUNTER) private readonly attempts: ChargeAttemptsCounter,
    @Inject(PAYMENTS_SETTINGS) private readonly settings: PaymentsSettings,
  ) {}

  @Transactional()
  async handle(event: EventEnvelope<PaymentRequestedPayload>): Promise<void> {
    const { orderId, userId, amount, provider: providerName, method } = event.payload;
    if (!this.settings.enabled) {
      this.logger.log({ orderId }, 'Payments are disabled (PAYMENTS_ENABLED=false); payment request acknowledged without charging');
      return;
    }
    // Held until commit: a cancellation of this order waits for the charge's outcome (and refunds it).
    await this.payments.lockOrder(orderId);
    if (await this.payments.isOrderCancelled(orderId)) {
      this.logger.log({ orderId }, 'Order was cancelled before it was charged; not charging');
      return;
    }
    const existing = await this.payments.findByOrderId(orderId);
    if (existing?.isSettled) {
      this.logger.log({ orderId, paymentId: existing.id, status: existing.status }, 'Order already has a settled payment; ignored');
      return;
    }
    const now = new Date();
    const payment =
      existing ??
      Payment.start({
        id: randomUUID(),
        orderId,
        userId,
        provider: providerName as PaymentProviderName,
        method,
        amount: Money.of(amount.amount, amount.currency, 'amount'),
        now,
      });
    const provider = this.providers.get(providerName);
    if (!provider) {
      payment.fail(`Unknown payment provider ${providerName}`, null, now);
      return this.save(payment, !existing);
    }
    try {
      const outcome = await provider.createCharge({
        idempotencyKey: chargeIdempotencyKey(orderId),
        orderId,
        amount: amount.amount,
        currency: amount.currency,
        method,
      });
      if (outcome.status === 'succeeded') payment.succeed(outcome.providerReference, new Date());
      else if (outcome.status === 'declined') payment.fail(outcome.reason, outcome.providerReference, new Date());
      else payment.recordReference(outcome.providerReference, new Date());
      this.logger.log({ orderId, paymentId: payment.id, provider: providerName, outcome: outcome.status }, 'Charge answered');
    } catch (error) {
      if (!isTransientChargeError(error)) {
        this.logger.error({ orderId, provider: providerName, err: error }, 'Charge failed permanently');
        payment.fail('The payment provider rejected the request', null, new Date());
        return this.save(payment, !existing);
      }
      const attempt = await this.attempts.increment(orderId);
      if (attempt < CHARGE_ATTEMPTS) throw error;
      this.logger.error(
        { orderId, provider: providerName, attempt, err: error },
        'Charge still failing after the last attempt; payment failed',
      );
      payment.fail('The payment provider is unavailable', null, new Date());
    }
    await this.save(payment, !existing);
  }

  private async save(payment: Payment, isNew: boolean): Promise<void> {
    if (isNew) await this.payments.insert(payment);
    else await this.payments.update(payment);
    countPayment(payment);
  }
}
