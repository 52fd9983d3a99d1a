import { Inject, Logger } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { type EventEnvelope, EventConsumer, type IntegrationEventHandler } from '@keel/messaging';
import { ORDER_REPOSITORY, type OrderRepository } from '../../domain';
import { STOCK_REJECTED, type StockRejectedPayload } from '../consumed-events';

const DEFAULT_REASON = 'Not enough stock.';

/** Inventory could not reserve the stock: PENDING → REJECTED with inventory's reason. Other statuses are left alone. */
@EventConsumer({ name: 'orders.reject-on-stock-rejected', events: [STOCK_REJECTED] })
export class RejectOrderOnStockRejected implements IntegrationEventHandler<StockRejectedPayload> {
  private readonly logger = new Logger(RejectOrderOnStockRejected.name);

  constructor(@Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository) {}

  @Transactional()
  async handle(event: EventEnvelope<StockRejectedPayload>): Promise<void> {
    const { orderId } = event.payload;
    const order = await this.orders.findById(orderId);
    if (!order) {
      this.logger.warn({ orderId, eventId: event.eventId }, 'Stock rejected for an unknown order; ignored');
      return;
    }
    if (!order.canTransitionTo('REJECTED')) {
      this.logger.log({ orderId, status: order.status }, 'Stock rejected for an order that is no longer pending; ignored');
      return;
    }
    const reason = typeof event.payload.reason === 'string' && event.payload.reason.trim() ? event.payload.reason : DEFAULT_REASON;
    order.reject(reason, new Date());
    await this.orders.update(order);
  }
}
