import { InMemoryTransactions } from '@keel/kernel/testing';
import { InMemoryOrderRepository } from '../../testing/order.repository.fake';
import { aPendingOrder, envelope } from '../../testing/orders.fixtures';
import { PAYMENT_SUCCEEDED } from '../consumed-events';
import { MarkPaidOnPaymentSucceeded } from './mark-paid-on-payment-succeeded.consumer';

describe('MarkPaidOnPaymentSucceeded', () => {
  let orders: InMemoryOrderRepository;
  let consumer: MarkPaidOnPaymentSucceeded;

  beforeEach(() => {
    new InMemoryTransactions();
    const confirmed = aPendingOrder({ id: 'order-1' });
    confirmed.confirm(new Date());
    orders = new InMemoryOrderRepository().given(confirmed, aPendingOrder({ id: 'order-2' }));
    consumer = new MarkPaidOnPaymentSucceeded(orders);
  });

  it('when the payment of a confirmed order succeeds, then it is PAID and orders.order-paid is published', async () => {
    await consumer.handle(envelope(PAYMENT_SUCCEEDED, { orderId: 'order-1', paymentId: 'pay-1' }));

    expect(orders.stored('order-1')?.status).toBe('PAID');
    expect(orders.outbox.names).toEqual(['orders.order-paid']);
  });

  it('when the order cannot become PAID (still pending, or unknown), then nothing changes', async () => {
    await consumer.handle(envelope(PAYMENT_SUCCEEDED, { orderId: 'order-2', paymentId: 'pay-2' }));
    await consumer.handle(envelope(PAYMENT_SUCCEEDED, { orderId: 'missing', paymentId: 'pay-3' }));

    expect(orders.stored('order-2')?.status).toBe('PENDING');
    expect(orders.outbox.names).toEqual([]);
  });
});
