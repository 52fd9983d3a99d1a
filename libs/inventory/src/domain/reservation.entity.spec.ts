import { InvariantViolationError, ValidationError } from '@keel/kernel/domain';
import { INVENTORY_STOCK_REJECTED, INVENTORY_STOCK_RESERVED } from '../contracts';
import { describeShortfalls, Reservation, toReservationLines } from './reservation.entity';
import { StockRejectedEvent } from './stock-rejected.domain-event';
import { StockReservedEvent } from './stock-reserved.domain-event';

const now = new Date('2026-01-01T00:00:00Z');
const later = new Date('2026-01-01T00:05:00Z');
const ORDER = '00000000-0000-4000-8000-0000000000aa';
const A = '00000000-0000-4000-8000-000000000001';
const B = '00000000-0000-4000-8000-000000000002';

describe('Reservation', () => {
  it('When every line is held, then RESERVED and StockReserved announces it once', () => {
    const reservation = Reservation.hold({ id: 'r1', orderId: ORDER, lines: [{ productId: A, quantity: 2 }], now });
    expect(reservation.status).toBe('RESERVED');
    const events = reservation.pullEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toBeInstanceOf(StockReservedEvent);
    expect(events[0].eventName).toBe(INVENTORY_STOCK_RESERVED);
    expect(events[0].payload).toEqual({ orderId: ORDER, reservationId: 'r1' });
    expect(reservation.pullEvents()).toHaveLength(0);
  });

  it('When held with no lines, then the invariant is enforced', () => {
    expect(() => Reservation.hold({ id: 'r1', orderId: ORDER, lines: [], now })).toThrow(InvariantViolationError);
  });

  it('When held with a non-positive quantity or a product twice, then the invariant is enforced', () => {
    expect(() => Reservation.hold({ id: 'r1', orderId: ORDER, lines: [{ productId: A, quantity: 0 }], now })).toThrow(
      InvariantViolationError,
    );
    const twice = [
      { productId: A, quantity: 1 },
      { productId: A, quantity: 1 },
    ];
    expect(() => Reservation.hold({ id: 'r1', orderId: ORDER, lines: twice, now })).toThrow(InvariantViolationError);
  });

  it('When rejected, then REJECTED with the reason, nothing held, and StockRejected names the short products', () => {
    const reservation = Reservation.reject({ id: 'r1', orderId: ORDER, reason: 'Not enough', productIds: [B, B], now });
    expect(reservation.status).toBe('REJECTED');
    expect(reservation.lines).toEqual([]);
    const [event] = reservation.pullEvents();
    expect(event).toBeInstanceOf(StockRejectedEvent);
    expect(event.eventName).toBe(INVENTORY_STOCK_REJECTED);
    expect(event.payload).toEqual({ orderId: ORDER, reason: 'Not enough', productIds: [B] });
    expect(reservation.release(later)).toEqual([]);
    expect(reservation.status).toBe('REJECTED');
  });

  it('When released, then the held lines are returned once; a second release returns nothing', () => {
    const reservation = Reservation.hold({ id: 'r1', orderId: ORDER, lines: [{ productId: A, quantity: 2 }], now });
    expect(reservation.release(later)).toEqual([{ productId: A, quantity: 2 }]);
    expect(reservation.status).toBe('RELEASED');
    expect(reservation.updatedAt).toBe(later);
    expect(reservation.release(later)).toEqual([]);
  });

  it('When a tombstone is recorded, then it is RELEASED, empty and raises nothing', () => {
    const tombstone = Reservation.tombstone({ id: 'r1', orderId: ORDER, now });
    expect([tombstone.status, tombstone.lines]).toEqual(['RELEASED', []]);
    expect(tombstone.pullEvents()).toEqual([]);
    expect(tombstone.release(later)).toEqual([]);
  });
});

describe('toReservationLines', () => {
  it('When a product appears twice, then its quantities merge; lines are sorted by product id', () => {
    expect(
      toReservationLines([
        { productId: B, quantity: 1 },
        { productId: A, quantity: 2 },
        { productId: B, quantity: 3 },
      ]),
    ).toEqual([
      { productId: A, quantity: 2 },
      { productId: B, quantity: 4 },
    ]);
  });

  it.each([0, -1, 1.5, '2', null])('When a quantity is %p, then a validation error naming the line', (quantity) => {
    expect(() => toReservationLines([{ productId: A, quantity }])).toThrow(ValidationError);
  });
});

describe('describeShortfalls', () => {
  it('When lines are short, then each says what was asked for and what is there', () => {
    expect(
      describeShortfalls([
        { productId: A, requested: 3, available: 1 },
        { productId: B, requested: 2, available: 0 },
      ]),
    ).toBe(`Not enough stock for product ${A}: requested 3, available 1; Product ${B} is out of stock: requested 2, available 0`);
  });
});
