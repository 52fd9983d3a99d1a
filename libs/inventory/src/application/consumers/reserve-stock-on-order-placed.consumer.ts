import { Inject, Logger } from '@nestjs/common';
import { Propagation, Transactional } from '@nestjs-cls/transactional';
import { randomUUID } from 'node:crypto';
import { type EventEnvelope, EventConsumer, type IntegrationEventHandler } from '@keel/messaging';
import { ValidationError } from '@keel/kernel/domain';
import {
  describeShortfalls,
  Reservation,
  RESERVATION_REPOSITORY,
  type ReservationLine,
  type ReservationRepository,
  type Shortfall,
  STOCK_ITEM_REPOSITORY,
  type StockItemRepository,
  toReservationLines,
} from '../../domain';
import { ORDERS_ORDER_PLACED, type OrderPlacedPayload } from '../consumed-events';
import { isUuid } from '../validation/is-uuid';

/** Thrown inside the savepoint to undo the lines already held. */
class LineUnavailable extends Error {
  constructor(readonly productId: string) {
    super(`Line for ${productId} cannot be held`);
  }
}

/**
 * OrderPlaced → hold every line, or none. All-or-nothing runs in a savepoint:
 * lines are held in product-id order with conditional updates
 * (`available >= quantity`), and the first one that cannot be held rolls back
 * the ones before it. The outcome (RESERVED or REJECTED) is recorded once per
 * order and announced through the outbox, in the platform's transaction.
 */
@EventConsumer({ name: 'inventory.reserve-stock', events: [ORDERS_ORDER_PLACED] })
export class ReserveStockOnOrderPlaced implements IntegrationEventHandler<OrderPlacedPayload> {
  private readonly logger = new Logger(ReserveStockOnOrderPlaced.name);

  constructor(
    @Inject(STOCK_ITEM_REPOSITORY) private readonly stock: StockItemRepository,
    @Inject(RESERVATION_REPOSITORY) private readonly reservations: ReservationRepository,
  ) {}

  // Joins the platform's transaction (inbox record + outbox); opens one when called alone.
  @Transactional()
  async handle(event: EventEnvelope<OrderPlacedPayload>): Promise<void> {
    const orderId = event.payload?.orderId;
    // Without an order id nothing can be answered: fail loudly, the job is dead-lettered.
    if (!isUuid(orderId)) throw new Error(`${event.eventName} ${event.eventId} has no valid orderId`);
    await this.reservations.lockOrder(orderId);
    // Decided before (redelivery), or cancelled before it arrived (tombstone): nothing to do.
    if (await this.reservations.findByOrderId(orderId)) return;

    const now = new Date();
    const parsed = this.parseLines(event.payload.items);
    let reservation: Reservation;
    if ('invalid' in parsed) {
      reservation = Reservation.reject({ id: randomUUID(), orderId, reason: parsed.invalid, productIds: parsed.productIds, now });
    } else {
      const shortfalls = await this.holdAllOrNothing(orderId, parsed.lines);
      reservation =
        shortfalls.length === 0
          ? Reservation.hold({ id: randomUUID(), orderId, lines: parsed.lines, now })
          : Reservation.reject({
              id: randomUUID(),
              orderId,
              reason: describeShortfalls(shortfalls),
              productIds: shortfalls.map((s) => s.productId),
              now,
            });
    }
    await this.reservations.insert(reservation);
    this.logger.log(
      { orderId, status: reservation.status },
      `Stock ${reservation.status === 'RESERVED' ? 'reserved' : 'rejected'} for order`,
    );
  }

  /** Returns the shortfalls; empty when every line is now held. */
  private async holdAllOrNothing(orderId: string, lines: ReservationLine[]): Promise<Shortfall[]> {
    try {
      await this.holdEveryLine(orderId, lines);
      return [];
    } catch (error) {
      if (!(error instanceof LineUnavailable)) throw error;
      // The savepoint is rolled back: nothing is held. Explain every short line, not just the first.
      const levels = new Map((await this.stock.findByProductIds(lines.map((l) => l.productId))).map((i) => [i.productId, i.available]));
      return lines
        .map((line) => ({ productId: line.productId, requested: line.quantity, available: levels.get(line.productId) ?? 0 }))
        .filter((s) => s.available < s.requested || s.productId === error.productId);
    }
  }

  @Transactional(Propagation.Nested)
  private async holdEveryLine(orderId: string, lines: ReservationLine[]): Promise<void> {
    for (const line of lines) {
      const held = await this.stock.reserve(line.productId, line.quantity, { reason: 'reservation', orderId });
      if (!held) throw new LineUnavailable(line.productId);
    }
  }

  private parseLines(items: unknown): { lines: ReservationLine[] } | { invalid: string; productIds: string[] } {
    if (!Array.isArray(items) || items.length === 0) return { invalid: 'The order has no lines to reserve', productIds: [] };
    try {
      const lines = toReservationLines(items as Array<{ productId: unknown; quantity: unknown }>);
      const unknown = lines.filter((l) => !isUuid(l.productId)).map((l) => l.productId);
      if (unknown.length > 0) return { invalid: `Unknown products: ${unknown.join(', ')}`, productIds: unknown };
      return { lines };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return { invalid: `The order lines are invalid: ${error.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, productIds: [] };
    }
  }
}
