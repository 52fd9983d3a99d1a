import { InMemoryTransactions } from '@keel/kernel/testing';
import { InMemoryOrderRepository } from '../../testing/order.repository.fake';
import { aPendingOrder, envelope } from '../../testing/orders.fixtures';
import { STOCK_REJECTED } from '../consumed-events';
import { RejectOrderOnStockRejected } from './reject-order-on-stock-rejected.consumer';

describe('RejectOrderOnStockRejected', () => {
  let orders: InMemoryOrderRepository;
  let consumer: RejectOrderOnStockRejected;

  beforeEach(() => {
    new InMemoryTransactions();
    orders = new InMemoryOrderRepository().given(aPendingOrder({ id: 'order-1' }), aPendingOrder({ id: 'order-2' }));
    consumer = new RejectOrderOnStockRejected(orders);
  });

  it("when stock is rejected for a pending order, then it is REJECTED with inventory's reason and orders.order-rejected is published", async () => {
    await consumer.handle(envelope(STOCK_REJECTED, { orderId: 'order-1', reason: 'Not enough stock for SKU-1', productIds: ['p-1'] }));

    expect(orders.stored('order-1')).toMatchObject({ status: 'REJECTED', statusReason: 'Not enough stock for SKU-1' });
    expect(orders.outbox.names).toEqual(['orders.order-rejected']);
  });

  it('when the reason is blank, then a default reason', async () => {
    await consumer.handle(envelope(STOCK_REJECTED, { orderId: 'order-2', reason: '  ', productIds: [] }));

    expect(orders.stored('order-2')?.statusReason).toBe('Not enough stock.');
  });

  it('when the order is no longer pending, then it is left alone', async () => {
    const confirmed = aPendingOrder({ id: 'order-3' });
    confirmed.confirm(new Date());
    orders.given(confirmed);

    await consumer.handle(envelope(STOCK_REJECTED, { orderId: 'order-3', reason: 'late', productIds: [] }));

    expect(orders.stored('order-3')?.status).toBe('CONFIRMED');
    expect(orders.outbox.names).toEqual([]);
  });
});
