import { Inject, Logger } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { type EventEnvelope, EventConsumer, type IntegrationEventHandler } from '@keel/messaging';
import { ORDER_REPOSITORY, type OrderRepository } from '../../domain';
import { PAYMENT_SUCCEEDED, type PaymentSucceededPayload } from '../consumed-events';

/** The payment was captured: CONFIRMED → PAID (raises OrderPaid). An order that moved on is left alone. */
@EventConsumer({ name: 'orders.mark-paid', events: [PAYMENT_SUCCEEDED] })
export class MarkPaidOnPaymentSucceeded implements IntegrationEventHandler<PaymentSucceededPayload> {
  private readonly logger = new Logger(MarkPaidOnPaymentSucceeded.name);

  constructor(@Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository) {}

  @Transactional()
  async handle(event: EventEnvelope<PaymentSucceededPayload>): Promise<void> {
    const { orderId, paymentId } = event.payload;
    const order = await this.orders.findById(orderId);
    if (!order || !order.canTransitionTo('PAID')) {
      this.logger.warn({ orderId, paymentId, status: order?.status }, 'Payment succeeded for an order that cannot become PAID; ignored');
      return;
    }
    order.markPaid(new Date());
    await this.orders.update(order);
  }
}
