import { InMemoryTransactions } from '@keel/kernel/testing';
import { InMemoryOrderRepository } from '../../testing/order.repository.fake';
import { aPendingOrder, envelope } from '../../testing/orders.fixtures';
import { STOCK_RESERVED } from '../consumed-events';
import { ConfirmOrderOnStockReserved } from './confirm-order-on-stock-reserved.consumer';

describe('ConfirmOrderOnStockReserved', () => {
  let transactions: InMemoryTransactions;
  let orders: InMemoryOrderRepository;
  let consumer: ConfirmOrderOnStockReserved;

  beforeEach(() => {
    transactions = new InMemoryTransactions();
    orders = new InMemoryOrderRepository().given(aPendingOrder({ id: 'order-1' }));
    consumer = new ConfirmOrderOnStockReserved(orders);
  });

  it('when stock is reserved for a pending order, then it is CONFIRMED and payment is requested', async () => {
    await consumer.handle(envelope(STOCK_RESERVED, { orderId: 'order-1', reservationId: 'r-1' }));

    expect(orders.stored('order-1')?.status).toBe('CONFIRMED');
    expect(orders.outbox.names).toEqual(['orders.order-confirmed', 'orders.payment-requested']);
    expect(transactions.committed).toBe(1);
  });

  it('when the order was cancelled meanwhile or is unknown, then nothing changes', async () => {
    const cancelled = aPendingOrder({ id: 'order-2' });
    cancelled.cancel('Changed my mind', new Date());
    orders.given(cancelled);

    await consumer.handle(envelope(STOCK_RESERVED, { orderId: 'order-2', reservationId: 'r-2' }));
    await consumer.handle(envelope(STOCK_RESERVED, { orderId: 'missing', reservationId: 'r-3' }));

    expect(orders.stored('order-2')?.status).toBe('CANCELLED');
    expect(orders.outbox.names).toEqual([]);
  });
});
