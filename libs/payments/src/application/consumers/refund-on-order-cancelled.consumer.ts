import { Inject, Logger } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { type EventEnvelope, EventConsumer, type IntegrationEventHandler } from '@keel/messaging';
import { PAYMENT_REPOSITORY, type PaymentRepository } from '../../domain';
import { ORDER_CANCELLED, type OrderCancelledPayload } from '../consumed-events';
import { PAYMENT_PROVIDER_REGISTRY, type PaymentProviderRegistry } from '../ports/payment-provider.port';

export const refundIdempotencyKey = (orderId: string) => `keel-refund-${orderId}`;

/**
 * A CONFIRMED or PAID order was cancelled: refund a succeeded payment
 * (idempotent at the provider; failures retry), or stop an order not charged
 * yet from being charged. Covers a charge that succeeded while the order was
 * being cancelled (the order never became PAID, the money is still returned).
 */
@EventConsumer({ name: 'payments.refund-on-order-cancelled', events: [ORDER_CANCELLED], timeoutMs: 60_000 })
export class RefundOnOrderCancelled implements IntegrationEventHandler<OrderCancelledPayload> {
  private readonly logger = new Logger(RefundOnOrderCancelled.name);

  constructor(
    @Inject(PAYMENT_REPOSITORY) private readonly payments: PaymentRepository,
    @Inject(PAYMENT_PROVIDER_REGISTRY) private readonly providers: PaymentProviderRegistry,
  ) {}

  @Transactional()
  async handle(event: EventEnvelope<OrderCancelledPayload>): Promise<void> {
    const { orderId, previousStatus } = event.payload;
    if (previousStatus !== 'PAID' && previousStatus !== 'CONFIRMED') return; // PENDING: payment was never requested
    // Waits for a charge of this order in flight, so its outcome is seen here.
    await this.payments.lockOrder(orderId);
    const payment = await this.payments.findByOrderId(orderId);
    if (!payment || payment.status === 'PENDING') {
      // Not charged (yet): make sure it never is. A PENDING charge the provider later settles is left to reconciliation.
      await this.payments.markOrderCancelled(orderId);
      this.logger.log({ orderId, status: payment?.status }, 'Order cancelled before it was charged; charging stopped');
      return;
    }
    if (payment.status !== 'SUCCEEDED' || !payment.providerReference) {
      this.logger.log({ orderId, status: payment.status }, 'Cancelled order has no succeeded payment to refund');
      return;
    }
    const provider = this.providers.get(payment.provider);
    if (!provider) throw new Error(`No adapter for payment provider ${payment.provider}`);
    const { refundReference } = await provider.refund({
      idempotencyKey: refundIdempotencyKey(orderId),
      providerReference: payment.providerReference,
      amount: payment.amount.amount,
    });
    payment.refund(new Date());
    await this.payments.update(payment);
    this.logger.log({ orderId, paymentId: payment.id, refundReference }, 'Payment refunded');
  }
}
