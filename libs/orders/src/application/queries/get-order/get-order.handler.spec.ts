import { OrderNotFoundError } from '../../../domain';
import { InMemoryOrderRepository } from '../../../testing/order.repository.fake';
import { aPendingOrder, OWNER } from '../../../testing/orders.fixtures';
import { GetOrderHandler } from './get-order.handler';
import { GetOrderQuery } from './get-order.query';

describe('GetOrderHandler', () => {
  const order = aPendingOrder({ id: 'order-1' });
  const handler = new GetOrderHandler(new InMemoryOrderRepository().given(order));

  it('when the owner or an admin asks, then the order view', async () => {
    expect(await handler.execute(new GetOrderQuery('order-1', { userId: OWNER, isAdmin: false }))).toMatchObject({
      id: 'order-1',
      status: 'PENDING',
      total: { amount: 2500, currency: 'USD' },
      history: [{ status: 'PENDING', reason: null }],
    });
    expect((await handler.execute(new GetOrderQuery('order-1', { userId: 'admin', isAdmin: true }))).id).toBe('order-1');
  });

  it('when another customer asks, or the order does not exist, then order-not-found (indistinguishable)', async () => {
    await expect(handler.execute(new GetOrderQuery('order-1', { userId: 'user-2', isAdmin: false }))).rejects.toThrow(OrderNotFoundError);
    await expect(handler.execute(new GetOrderQuery('missing', { userId: OWNER, isAdmin: false }))).rejects.toThrow(OrderNotFoundError);
  });
});
