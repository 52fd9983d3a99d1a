import { Inject, Logger } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { type EventEnvelope, EventConsumer, type IntegrationEventHandler } from '@keel/messaging';
import { ORDER_REPOSITORY, type OrderRepository } from '../../domain';
import { STOCK_RESERVED, type StockReservedPayload } from '../consumed-events';

/**
 * Stock is held for the order: PENDING → CONFIRMED, which raises OrderConfirmed
 * and PaymentRequested. An order that moved on meanwhile (e.g. cancelled) is
 * left alone. The platform runs this once per event (inbox) in a transaction;
 * a ConcurrencyError rolls back and the job is retried against fresh state.
 */
@EventConsumer({ name: 'orders.confirm-on-stock-reserved', events: [STOCK_RESERVED] })
export class ConfirmOrderOnStockReserved implements IntegrationEventHandler<StockReservedPayload> {
  private readonly logger = new Logger(ConfirmOrderOnStockReserved.name);

  constructor(@Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository) {}

  // Joins the platform's inbox transaction; opens one when called on its own.
  @Transactional()
  async handle(event: EventEnvelope<StockReservedPayload>): Promise<void> {
    const { orderId, reservationId } = event.payload;
    const order = await this.orders.findById(orderId);
    if (!order) {
      this.logger.warn({ orderId, reservationId, eventId: event.eventId }, 'Stock reserved for an unknown order; ignored');
      return;
    }
    if (!order.canTransitionTo('CONFIRMED')) {
      this.logger.log({ orderId, reservationId, status: order.status }, 'Stock reserved for an order that is no longer pending; ignored');
      return;
    }
    order.confirm(new Date());
    await this.orders.update(order);
  }
}
