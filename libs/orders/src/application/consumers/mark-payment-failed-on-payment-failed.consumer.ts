import { Inject, Logger } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { type EventEnvelope, EventConsumer, type IntegrationEventHandler } from '@keel/messaging';
import { ORDER_REPOSITORY, type OrderRepository } from '../../domain';
import { PAYMENT_FAILED, type PaymentFailedPayload } from '../consumed-events';

/** The payment was declined or the provider kept failing: CONFIRMED → PAYMENT_FAILED (inventory releases the stock). */
@EventConsumer({ name: 'orders.mark-payment-failed', events: [PAYMENT_FAILED] })
export class MarkPaymentFailedOnPaymentFailed implements IntegrationEventHandler<PaymentFailedPayload> {
  private readonly logger = new Logger(MarkPaymentFailedOnPaymentFailed.name);

  constructor(@Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository) {}

  @Transactional()
  async handle(event: EventEnvelope<PaymentFailedPayload>): Promise<void> {
    const { orderId, paymentId, reason } = event.payload;
    const order = await this.orders.findById(orderId);
    if (!order || !order.canTransitionTo('PAYMENT_FAILED')) {
      this.logger.warn(
        { orderId, paymentId, status: order?.status },
        'Payment failed for an order that cannot become PAYMENT_FAILED; ignored',
      );
      return;
    }
    order.markPaymentFailed(reason, new Date());
    await this.orders.update(order);
  }
}
