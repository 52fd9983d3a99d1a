import { Inject, Logger } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { isRetryable } from '@keel/observability';
import { type EventEnvelope, EventConsumer, type IntegrationEventHandler } from '@keel/messaging';
import { LATE_CHARGE_DETECTED, type LateChargeDetectedPayload, PAYMENT_REPOSITORY, type PaymentRepository } from '../../domain';
import { PAYMENT_PROVIDER_REGISTRY, type PaymentProviderRegistry } from '../ports/payment-provider.port';
import { refundIdempotencyKey } from './refund-on-order-cancelled.consumer';

/** A charge that succeeded after its payment was given up is refunded (the order is PAYMENT_FAILED; nobody pays for it). */
@EventConsumer({ name: 'payments.refund-late-charge', events: [LATE_CHARGE_DETECTED], timeoutMs: 60_000 })
export class RefundLateCharge implements IntegrationEventHandler<LateChargeDetectedPayload> {
  private readonly logger = new Logger(RefundLateCharge.name);

  constructor(
    @Inject(PAYMENT_REPOSITORY) private readonly payments: PaymentRepository,
    @Inject(PAYMENT_PROVIDER_REGISTRY) private readonly providers: PaymentProviderRegistry,
  ) {}

  @Transactional()
  async handle(event: EventEnvelope<LateChargeDetectedPayload>): Promise<void> {
    const { paymentId, orderId, providerReference } = event.payload;
    const payment = await this.payments.findByOrderId(orderId);
    if (!payment || payment.id !== paymentId) return;
    const provider = this.providers.get(payment.provider);
    if (!provider) throw new Error(`No adapter for payment provider ${payment.provider}`);
    try {
      // Trust the provider's own record over the webhook's claim before moving money.
      const charge = await provider.getCharge(providerReference);
      if (charge.status !== 'succeeded') {
        this.logger.warn(
          { orderId, paymentId, providerReference, status: charge.status },
          'Late charge not confirmed by the provider; nothing to refund',
        );
        return;
      }
      const { refundReference } = await provider.refund({
        idempotencyKey: refundIdempotencyKey(orderId),
        providerReference,
        amount: payment.amount.amount,
      });
      this.logger.warn({ orderId, paymentId, providerReference, refundReference }, 'Late charge refunded');
    } catch (error) {
      if (isRetryable(error)) throw error;
      // A refusal (e.g. already refunded) will not change on retry: leave it to an operator.
      this.logger.error({ orderId, paymentId, providerReference, err: error }, 'Late charge could not be refunded; needs an operator');
    }
  }
}
