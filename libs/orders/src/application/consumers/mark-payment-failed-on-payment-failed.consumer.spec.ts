import { InMemoryTransactions } from '@keel/kernel/testing';
import { InMemoryOrderRepository } from '../../testing/order.repository.fake';
import { aPendingOrder, envelope } from '../../testing/orders.fixtures';
import { PAYMENT_FAILED } from '../consumed-events';
import { MarkPaymentFailedOnPaymentFailed } from './mark-payment-failed-on-payment-failed.consumer';

describe('MarkPaymentFailedOnPaymentFailed', () => {
  let orders: InMemoryOrderRepository;
  let consumer: MarkPaymentFailedOnPaymentFailed;

  beforeEach(() => {
    new InMemoryTransactions();
    const confirmed = aPendingOrder({ id: 'order-1' });
    confirmed.confirm(new Date());
    orders = new InMemoryOrderRepository().given(confirmed, aPendingOrder({ id: 'order-2' }));
    consumer = new MarkPaymentFailedOnPaymentFailed(orders);
  });

  it('when the payment of a confirmed order fails, then it is PAYMENT_FAILED with the reason and orders.payment-failed is published', async () => {
    await consumer.handle(envelope(PAYMENT_FAILED, { orderId: 'order-1', paymentId: 'pay-1', reason: 'Your card was declined.' }));

    expect(orders.stored('order-1')).toMatchObject({ status: 'PAYMENT_FAILED', statusReason: 'Your card was declined.' });
    expect(orders.outbox.names).toEqual(['orders.payment-failed']);
  });

  it('when the order cannot fail payment (still pending), then nothing changes', async () => {
    await consumer.handle(envelope(PAYMENT_FAILED, { orderId: 'order-2', paymentId: 'pay-2', reason: 'declined' }));

    expect(orders.stored('order-2')?.status).toBe('PENDING');
    expect(orders.outbox.names).toEqual([]);
  });
});
