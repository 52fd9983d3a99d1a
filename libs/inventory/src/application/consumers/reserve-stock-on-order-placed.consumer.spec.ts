import type { EventEnvelope } from '@keel/messaging';
import { InMemoryTransactions } from '@keel/kernel/testing';
import { INVENTORY_STOCK_REJECTED, INVENTORY_STOCK_RESERVED } from '../../contracts';
import { Reservation } from '../../domain';
import { InMemoryReservationRepository } from '../../testing/reservation.repository.fake';
import { InMemoryStockItemRepository } from '../../testing/stock-item.repository.fake';
import { ORDERS_ORDER_PLACED, type OrderPlacedPayload } from '../consumed-events';
import { ReserveStockOnOrderPlaced } from './reserve-stock-on-order-placed.consumer';

const ORDER = '11111111-1111-4111-8111-111111111111';
const A = '6f1c1d4e-8a51-4f4e-9a0e-2b7f6f0c1a11';
const B = '7f1c1d4e-8a51-4f4e-9a0e-2b7f6f0c1a11';

const placed = (items: unknown, orderId: unknown = ORDER): EventEnvelope<OrderPlacedPayload> => ({
  eventId: 'e1',
  eventName: ORDERS_ORDER_PLACED,
  aggregateId: String(orderId),
  occurredAt: new Date().toISOString(),
  payload: { orderId, userId: 'u1', items } as OrderPlacedPayload,
});

describe('ReserveStockOnOrderPlaced', () => {
  let transactions: InMemoryTransactions;
  let stock: InMemoryStockItemRepository;
  let reservations: InMemoryReservationRepository;
  let consumer: ReserveStockOnOrderPlaced;

  beforeEach(() => {
    transactions = new InMemoryTransactions();
    stock = new InMemoryStockItemRepository(transactions).given(A, 5).given(B, 1);
    reservations = new InMemoryReservationRepository();
    consumer = new ReserveStockOnOrderPlaced(stock, reservations);
  });

  it('when every line can be held, then the units move to reserved and inventory.stock-reserved is published', async () => {
    await consumer.handle(
      placed([
        { productId: B, quantity: 1 },
        { productId: A, quantity: 2 },
        { productId: A, quantity: 1 },
      ]),
    );

    expect(stock.level(A)).toEqual({ available: 2, reserved: 3 });
    expect(stock.level(B)).toEqual({ available: 0, reserved: 1 });
    expect(reservations.storedFor(ORDER)?.status).toBe('RESERVED');
    expect(reservations.outbox.names).toEqual([INVENTORY_STOCK_RESERVED]);
    expect(reservations.locked).toEqual([ORDER]);
  });

  it('when one line is short, then nothing stays held (the savepoint rolls back) and the rejection names the short product', async () => {
    await consumer.handle(
      placed([
        { productId: A, quantity: 2 },
        { productId: B, quantity: 3 },
      ]),
    );

    expect(stock.level(A)).toEqual({ available: 5, reserved: 0 });
    expect(stock.movements).toEqual([]);
    expect(transactions.savepointsRolledBack).toBe(1);
    expect(reservations.outbox.names).toEqual([INVENTORY_STOCK_REJECTED]);
    expect(reservations.outbox.published[0].payload).toMatchObject({ orderId: ORDER, productIds: [B] });
  });

  it('when the order was already decided (redelivery) or cancelled first (tombstone), then nothing is held again', async () => {
    reservations.given(Reservation.tombstone({ id: 'r0', orderId: ORDER, now: new Date() }));

    await consumer.handle(placed([{ productId: A, quantity: 1 }]));

    expect(stock.level(A)).toEqual({ available: 5, reserved: 0 });
    expect(reservations.outbox.names).toEqual([]);
  });

  it('when the lines are empty or name unknown products, then a rejection without touching stock', async () => {
    await consumer.handle(placed([]));
    await consumer.handle(placed([{ productId: 'sku-not-an-id', quantity: 1 }], '22222222-2222-4222-8222-222222222222'));

    expect(reservations.outbox.names).toEqual([INVENTORY_STOCK_REJECTED, INVENTORY_STOCK_REJECTED]);
    expect(stock.movements).toEqual([]);
  });

  it('when the event has no valid order id, then it fails loudly (the job is dead-lettered)', async () => {
    await expect(consumer.handle(placed([{ productId: A, quantity: 1 }], 'nope'))).rejects.toThrow('has no valid orderId');
  });
});
