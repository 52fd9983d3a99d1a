import type { EventEnvelope } from '@keel/messaging';
import { InMemoryTransactions } from '@keel/kernel/testing';
import { Reservation } from '../../domain';
import { InMemoryReservationRepository } from '../../testing/reservation.repository.fake';
import { InMemoryStockItemRepository } from '../../testing/stock-item.repository.fake';
import { ORDERS_ORDER_CANCELLED, type OrderCancelledPayload } from '../consumed-events';
import { ReleaseStockOnOrderCancelled } from './release-stock-on-order-cancelled.consumer';

const ORDER = '11111111-1111-4111-8111-111111111111';
const A = '6f1c1d4e-8a51-4f4e-9a0e-2b7f6f0c1a11';

const cancelled = (orderId: unknown = ORDER): EventEnvelope<OrderCancelledPayload> => ({
  eventId: 'e1',
  eventName: ORDERS_ORDER_CANCELLED,
  aggregateId: String(orderId),
  occurredAt: new Date().toISOString(),
  payload: { orderId, userId: 'u1', reason: 'changed my mind', previousStatus: 'CONFIRMED' } as OrderCancelledPayload,
});

describe('ReleaseStockOnOrderCancelled', () => {
  let transactions: InMemoryTransactions;
  let stock: InMemoryStockItemRepository;
  let reservations: InMemoryReservationRepository;
  let consumer: ReleaseStockOnOrderCancelled;

  beforeEach(() => {
    transactions = new InMemoryTransactions();
    stock = new InMemoryStockItemRepository().given(A, 2, 3);
    reservations = new InMemoryReservationRepository();
    consumer = new ReleaseStockOnOrderCancelled(stock, reservations);
  });

  it('when the order holds stock, then the units go back once, even if the event is delivered twice', async () => {
    reservations.given(Reservation.hold({ id: 'r1', orderId: ORDER, lines: [{ productId: A, quantity: 3 }], now: new Date() }));

    await consumer.handle(cancelled());
    await consumer.handle(cancelled());

    expect(stock.level(A)).toEqual({ available: 5, reserved: 0 });
    expect(stock.movements).toEqual([{ productId: A, delta: 3, reason: 'release', orderId: ORDER }]);
    expect(reservations.storedFor(ORDER)?.status).toBe('RELEASED');
    expect(transactions).toMatchObject({ begun: 2, committed: 2 });
  });

  it('when inventory has not seen the order yet, then a tombstone is recorded so a late order-placed holds nothing', async () => {
    await consumer.handle(cancelled());

    expect(reservations.storedFor(ORDER)).toMatchObject({ status: 'RELEASED', lines: [] });
    expect(stock.movements).toEqual([]);
  });

  it('when the event has no valid order id, then it fails loudly', async () => {
    await expect(consumer.handle(cancelled(42))).rejects.toThrow('has no valid orderId');
  });
});
