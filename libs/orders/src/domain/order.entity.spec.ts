import { InvariantViolationError, Money, ValidationError } from '@keel/kernel/domain';
import { type OrderItemProps } from './order-item.value-object';
import { Order } from './order.entity';
import {
  ConcurrencyError,
  DuplicateOrderItemsError,
  InvalidOrderTransitionError,
  MixedCurrenciesError,
  OrderNotCancellableError,
  OrderTotalTooLargeError,
} from './orders.errors';
import { ORDER_STATUSES, ORDER_TRANSITIONS, type OrderStatus } from './order-status';
import { PaymentChoice } from './payment-choice.value-object';

const t0 = new Date('2026-01-01T00:00:00Z');
const t1 = new Date('2026-01-01T00:01:00Z');
const line = (n: number, amount = 1000, quantity = 1, currency = 'USD'): OrderItemProps => ({
  productId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  sku: `SKU-${n}`,
  name: `Product ${n}`,
  unitPrice: Money.of(amount, currency),
  quantity,
});
const place = (items: OrderItemProps[] = [line(1, 1250, 2), line(2, 500, 3)], payment = PaymentChoice.create('stripe', 'pm_card_visa')) =>
  Order.place({ id: 'order-1', userId: 'user-1', items, payment, now: t0 });

/** An order driven into `status` along a legal path, with its events drained. */
function orderIn(status: OrderStatus): Order {
  const order = place();
  const path: Record<OrderStatus, (o: Order) => void> = {
    PENDING: () => undefined,
    CONFIRMED: (o) => o.confirm(t1),
    PAID: (o) => (o.confirm(t1), o.markPaid(t1)),
    REJECTED: (o) => o.reject('Not enough stock', t1),
    PAYMENT_FAILED: (o) => (o.confirm(t1), o.markPaymentFailed('Card declined', t1)),
    CANCELLED: (o) => o.cancel('Changed my mind', t1),
  };
  path[status](order);
  order.pullEvents();
  return order;
}

/** Applies the intention-named method that leads to `to`. */
function moveTo(order: Order, to: OrderStatus): void {
  const methods: Record<OrderStatus, () => void> = {
    PENDING: () => {
      throw new Error('nothing leads back to PENDING');
    },
    CONFIRMED: () => order.confirm(t1),
    PAID: () => order.markPaid(t1),
    REJECTED: () => order.reject('Not enough stock', t1),
    PAYMENT_FAILED: () => order.markPaymentFailed('Card declined', t1),
    CANCELLED: () => order.cancel('Changed my mind', t1),
  };
  methods[to]();
}

describe('Order placement', () => {
  it('When placed, then it is PENDING with line totals, the total, one history entry and OrderPlaced', () => {
    const order = place();
    expect(order.status).toBe('PENDING');
    expect(order.statusReason).toBeNull();
    expect(order.items.map((i) => i.lineTotal.toJSON())).toEqual([
      { amount: 2500, currency: 'USD' },
      { amount: 1500, currency: 'USD' },
    ]);
    expect(order.total.toJSON()).toEqual({ amount: 4000, currency: 'USD' });
    expect(order.history).toEqual([{ status: 'PENDING', at: t0, reason: null }]);
    expect(order.version).toBe(1);
    const events = order.pullEvents();
    expect(events.map((e) => e.eventName)).toEqual(['orders.order-placed']);
    expect(events[0].payload).toEqual({
      orderId: 'order-1',
      userId: 'user-1',
      items: [
        { productId: line(1).productId, quantity: 2 },
        { productId: line(2).productId, quantity: 3 },
      ],
      total: { amount: 4000, currency: 'USD' },
    });
  });

  it('When there are no items or more than 50, then 400 on items', () => {
    expect(() => place([])).toThrow(ValidationError);
    expect(() => place(Array.from({ length: 51 }, (_, i) => line(i + 1)))).toThrow(ValidationError);
    expect(place(Array.from({ length: 50 }, (_, i) => line(i + 1))).items).toHaveLength(50);
  });

  it.each([0, 101, 1.5, -1])('When a quantity is %s, then the field items[i].quantity is named', (quantity) => {
    try {
      place([line(1), line(2, 100, quantity)]);
      throw new Error('expected a ValidationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).errors[0].field).toBe('items[1].quantity');
    }
  });

  it('When quantities are 1 and 100, then both are accepted', () => {
    expect(place([line(1, 10, 1), line(2, 10, 100)]).total.amount).toBe(1010);
  });

  it('When the same product appears twice, then DuplicateOrderItemsError (a 400)', () => {
    const error = captureError(() => place([line(1), line(2), line(1)]));
    expect(error).toBeInstanceOf(DuplicateOrderItemsError);
    expect(error).toBeInstanceOf(ValidationError);
  });

  it('When prices are in different currencies, then MixedCurrenciesError (a 422)', () => {
    const error = captureError(() => place([line(1, 100, 1, 'USD'), line(2, 100, 1, 'EUR')]));
    expect(error).toBeInstanceOf(MixedCurrenciesError);
    expect(error).toMatchObject({ kind: 'unprocessable', code: 'mixed-currencies' });
  });

  it('When the total would exceed the largest amount, then OrderTotalTooLargeError instead of an overflow', () => {
    expect(() => place([line(1, 10_000_000_000, 2)])).toThrow(OrderTotalTooLargeError);
    expect(() => place([line(1, 6_000_000_000, 1), line(2, 6_000_000_000, 1)])).toThrow(OrderTotalTooLargeError);
  });

  it('When the payment provider or method is invalid, then the payment field is named', () => {
    expect(() => PaymentChoice.create('paypal', 'x')).toThrow(ValidationError);
    expect(() => PaymentChoice.create('stripe', '   ')).toThrow(ValidationError);
    expect(() => PaymentChoice.create('razorpay', 'x'.repeat(101))).toThrow(ValidationError);
    expect(PaymentChoice.create('razorpay', 'success@razorpay')).toMatchObject({ provider: 'razorpay', method: 'success@razorpay' });
  });
});

describe('Order lifecycle (the transition table)', () => {
  const legal = ORDER_STATUSES.flatMap((from) => ORDER_TRANSITIONS[from].map((to) => [from, to] as const));
  const illegal = ORDER_STATUSES.flatMap((from) =>
    ORDER_STATUSES.filter((to) => to !== 'PENDING' && !ORDER_TRANSITIONS[from].includes(to)).map((to) => [from, to] as const),
  );

  it('When the table is read, then it is exactly the documented lifecycle', () => {
    expect(legal).toEqual([
      ['PENDING', 'CONFIRMED'],
      ['PENDING', 'REJECTED'],
      ['PENDING', 'CANCELLED'],
      ['CONFIRMED', 'PAID'],
      ['CONFIRMED', 'PAYMENT_FAILED'],
      ['CONFIRMED', 'CANCELLED'],
      ['PAID', 'CANCELLED'],
    ]);
  });

  it.each(legal)('When %s → %s, then the status, reason, history and updatedAt follow', (from, to) => {
    const order = orderIn(from);
    const before = order.history.length;
    moveTo(order, to);
    expect(order.status).toBe(to);
    expect(order.updatedAt).toEqual(t1);
    expect(order.history).toHaveLength(before + 1);
    expect(order.history[before]).toEqual({ status: to, at: t1, reason: order.statusReason });
  });

  it.each(illegal)('When %s → %s, then it is refused and nothing changes', (from, to) => {
    const order = orderIn(from);
    const history = order.history;
    const error = captureError(() => moveTo(order, to));
    if (to === 'CANCELLED') {
      expect(error).toBeInstanceOf(OrderNotCancellableError);
      expect(error).toMatchObject({ kind: 'conflict', code: 'order-not-cancellable' });
    } else {
      expect(error).toBeInstanceOf(InvalidOrderTransitionError);
      expect(error).toMatchObject({ kind: 'conflict', code: 'invalid-order-transition' });
    }
    expect(order.status).toBe(from);
    expect(order.history).toEqual(history);
    expect(order.pullEvents()).toHaveLength(0);
  });

  it('When confirmed, then OrderConfirmed and PaymentRequested are raised together', () => {
    const order = orderIn('PENDING');
    order.confirm(t1);
    const events = order.pullEvents();
    expect(events.map((e) => e.eventName)).toEqual(['orders.order-confirmed', 'orders.payment-requested']);
    expect(events[0].payload).toEqual({ orderId: 'order-1', userId: 'user-1', total: { amount: 4000, currency: 'USD' } });
    expect(events[1].payload).toEqual({
      orderId: 'order-1',
      userId: 'user-1',
      amount: { amount: 4000, currency: 'USD' },
      provider: 'stripe',
      method: 'pm_card_visa',
    });
    expect(order.statusReason).toBeNull();
  });

  it('When rejected, then statusReason says why and OrderRejected carries it', () => {
    const order = orderIn('PENDING');
    order.reject('  Not enough stock for SKU-1  ', t1);
    expect(order.statusReason).toBe('Not enough stock for SKU-1');
    const [event] = order.pullEvents();
    expect(event.eventName).toBe('orders.order-rejected');
    expect(event.payload).toEqual({ orderId: 'order-1', userId: 'user-1', reason: 'Not enough stock for SKU-1' });
  });

  it.each(['PENDING', 'CONFIRMED', 'PAID'] as const)('When cancelled from %s, then OrderCancelled names the previous status', (from) => {
    const order = orderIn(from);
    order.cancel('Changed my mind', t1);
    const [event] = order.pullEvents();
    expect(event.eventName).toBe('orders.order-cancelled');
    expect(event.payload).toEqual({ orderId: 'order-1', userId: 'user-1', reason: 'Changed my mind', previousStatus: from });
  });

  it('When paid or payment fails, then OrderPaid / OrderPaymentFailed are raised', () => {
    const paid = orderIn('CONFIRMED');
    paid.markPaid(t1);
    expect(paid.pullEvents().map((e) => e.eventName)).toEqual(['orders.order-paid']);
    const failed = orderIn('CONFIRMED');
    failed.markPaymentFailed('Card declined', t1);
    expect(failed.statusReason).toBe('Card declined');
    expect(failed.pullEvents().map((e) => [e.eventName, e.payload])).toEqual([
      ['orders.payment-failed', { orderId: 'order-1', userId: 'user-1', reason: 'Card declined' }],
    ]);
  });

  it('When a reason is very long, then it is cut to 500 characters; a blank reason is a bug', () => {
    const order = orderIn('PENDING');
    order.reject('x'.repeat(2000), t1);
    expect(order.statusReason).toHaveLength(500);
    expect(() => orderIn('PENDING').reject('  ', t1)).toThrow(InvariantViolationError);
  });

  it('When the whole happy path runs, then history lists every status in order', () => {
    const order = orderIn('PAID');
    expect(order.history.map((h) => h.status)).toEqual(['PENDING', 'CONFIRMED', 'PAID']);
  });
});

describe('Order restore', () => {
  it('When restored, then the total is recomputed and no events are raised', () => {
    const placed = orderIn('CONFIRMED');
    const restored = Order.restore(placed.id, {
      userId: placed.userId,
      status: placed.status,
      statusReason: placed.statusReason,
      items: placed.items,
      payment: placed.payment,
      history: placed.history,
      createdAt: placed.createdAt,
      updatedAt: placed.updatedAt,
      version: 3,
    });
    expect(restored.total.equals(placed.total)).toBe(true);
    expect(restored.version).toBe(3);
    expect(restored.pullEvents()).toHaveLength(0);
  });

  it('When the stored history does not end in the current status, then the invariant is enforced', () => {
    const placed = place();
    expect(() =>
      Order.restore(placed.id, {
        userId: placed.userId,
        status: 'PAID',
        statusReason: null,
        items: placed.items,
        payment: placed.payment,
        history: placed.history,
        createdAt: t0,
        updatedAt: t0,
        version: 1,
      }),
    ).toThrow(InvariantViolationError);
  });
});

describe('ConcurrencyError', () => {
  it('When raised, then it is a 409 conflict with a stable code', () => {
    expect(new ConcurrencyError()).toMatchObject({ kind: 'conflict', code: 'concurrent-modification' });
  });
});

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
