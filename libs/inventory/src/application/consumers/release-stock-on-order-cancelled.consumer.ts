import { Inject, Logger } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { randomUUID } from 'node:crypto';
import { type EventEnvelope, EventConsumer, type IntegrationEventHandler } from '@keel/messaging';
import {
  Reservation,
  RESERVATION_REPOSITORY,
  type ReservationRepository,
  STOCK_ITEM_REPOSITORY,
  type StockItemRepository,
} from '../../domain';
import { ORDERS_ORDER_CANCELLED, ORDERS_PAYMENT_FAILED, type OrderCancelledPayload, type PaymentFailedPayload } from '../consumed-events';
import { isUuid } from '../validation/is-uuid';

/**
 * OrderCancelled (or PaymentFailed) → give the held units back, once.
 * When inventory has not seen the order yet, a released, empty reservation is
 * recorded (a tombstone) so a late OrderPlaced never holds stock for it.
 */
@EventConsumer({ name: 'inventory.release-stock', events: [ORDERS_ORDER_CANCELLED, ORDERS_PAYMENT_FAILED] })
export class ReleaseStockOnOrderCancelled implements IntegrationEventHandler<OrderCancelledPayload | PaymentFailedPayload> {
  private readonly logger = new Logger(ReleaseStockOnOrderCancelled.name);

  constructor(
    @Inject(STOCK_ITEM_REPOSITORY) private readonly stock: StockItemRepository,
    @Inject(RESERVATION_REPOSITORY) private readonly reservations: ReservationRepository,
  ) {}

  @Transactional()
  async handle(event: EventEnvelope<OrderCancelledPayload | PaymentFailedPayload>): Promise<void> {
    const orderId = event.payload?.orderId;
    if (!isUuid(orderId)) throw new Error(`${event.eventName} ${event.eventId} has no valid orderId`);
    await this.reservations.lockOrder(orderId);
    const now = new Date();
    const reservation = await this.reservations.findByOrderId(orderId);
    if (!reservation) {
      await this.reservations.insert(Reservation.tombstone({ id: randomUUID(), orderId, now }));
      this.logger.log({ orderId }, 'Order ended before stock was reserved; tombstone recorded');
      return;
    }
    const lines = reservation.release(now);
    if (lines.length === 0) return; // already released, or never held
    // Same global order as reserving: no deadlock with a concurrent reservation of the same products.
    for (const line of lines) await this.stock.release(line.productId, line.quantity, { reason: 'release', orderId });
    await this.reservations.update(reservation);
    this.logger.log({ orderId, lines: lines.length }, 'Reserved stock released');
  }
}
