import { InMemoryTransactions } from '@keel/kernel/testing';
import { InMemoryPaymentRepository } from '../../testing/payment.repository.fake';
import { FakePaymentProvider, FakePaymentProviderRegistry } from '../../testing/payment-provider.fake';
import { aPendingPayment, envelope } from '../../testing/payments.fixtures';
import { ORDER_CANCELLED } from '../consumed-events';
import { RefundOnOrderCancelled } from './refund-on-order-cancelled.consumer';

const cancelled = (orderId: string, previousStatus: string) =>
  envelope(ORDER_CANCELLED, { orderId, userId: 'user-1', reason: 'Changed my mind', previousStatus });

describe('RefundOnOrderCancelled', () => {
  let payments: InMemoryPaymentRepository;
  let stripe: FakePaymentProvider;
  let consumer: RefundOnOrderCancelled;

  beforeEach(() => {
    new InMemoryTransactions();
    payments = new InMemoryPaymentRepository();
    stripe = new FakePaymentProvider('stripe');
    consumer = new RefundOnOrderCancelled(payments, new FakePaymentProviderRegistry([stripe]));
  });

  it('when a paid order is cancelled, then its charge is refunded at the provider and payments.payment-refunded is published', async () => {
    const paid = aPendingPayment({ id: 'pay-1', orderId: 'order-1' });
    paid.succeed('pi_1', new Date());
    payments.given(paid);

    await consumer.handle(cancelled('order-1', 'PAID'));

    expect(stripe.refunds).toEqual([{ idempotencyKey: 'keel-refund-order-1', providerReference: 'pi_1', amount: 2500 }]);
    expect(payments.stored('pay-1')?.status).toBe('REFUNDED');
    expect(payments.outbox.names).toEqual(['payments.payment-refunded']);
  });

  it('when a confirmed order not charged yet is cancelled, then it is marked so it is never charged', async () => {
    await consumer.handle(cancelled('order-2', 'CONFIRMED'));

    expect(await payments.isOrderCancelled('order-2')).toBe(true);
    expect(stripe.refunds).toEqual([]);
  });

  it('when a pending order is cancelled, then payments does nothing (payment was never requested)', async () => {
    await consumer.handle(cancelled('order-3', 'PENDING'));

    expect(await payments.isOrderCancelled('order-3')).toBe(false);
    expect(payments.lockedOrders).toEqual([]);
  });
});
