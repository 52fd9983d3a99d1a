import { OrderNotFoundError } from '../../../domain';
import { FakeOrderPayments } from '../../../testing/order-payments.fake';
import { InMemoryOrderRepository } from '../../../testing/order.repository.fake';
import { aPendingOrder, OWNER } from '../../../testing/orders.fixtures';
import type { OrderPayment } from '../../ports/order-payments.port';
import { ListOrderPaymentsHandler } from './list-order-payments.handler';
import { ListOrderPaymentsQuery } from './list-order-payments.query';

const declined: OrderPayment = {
  id: 'pay-1',
  provider: 'stripe',
  status: 'FAILED',
  amount: { amount: 2500, currency: 'USD' },
  providerReference: 'pi_1',
  failureReason: 'Your card was declined.',
  createdAt: '2026-01-01T00:00:00.000Z',
};

describe('ListOrderPaymentsHandler', () => {
  let payments: FakeOrderPayments;
  let handler: ListOrderPaymentsHandler;

  beforeEach(() => {
    payments = new FakeOrderPayments().with('order-1', declined);
    handler = new ListOrderPaymentsHandler(new InMemoryOrderRepository().given(aPendingOrder({ id: 'order-1' })), payments);
  });

  it("when the owner asks, then the order's payment attempts from the payments context", async () => {
    expect(await handler.execute(new ListOrderPaymentsQuery('order-1', { userId: OWNER, isAdmin: false }))).toEqual({ items: [declined] });
  });

  it('when another customer asks, then order-not-found and payments is not even asked', async () => {
    await expect(handler.execute(new ListOrderPaymentsQuery('order-1', { userId: 'user-2', isAdmin: false }))).rejects.toThrow(
      OrderNotFoundError,
    );
    expect(payments.asked).toEqual([]);
  });
});
