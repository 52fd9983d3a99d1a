import { InMemoryTransactions } from '@keel/kernel/testing';
import { ConcurrencyError, OrderNotCancellableError, OrderNotFoundError } from '../../../domain';
import { aPendingOrder, OWNER } from '../../../testing/orders.fixtures';
import { InMemoryOrderRepository } from '../../../testing/order.repository.fake';
import { CancelOrderCommand } from './cancel-order.command';
import { CancelOrderHandler } from './cancel-order.handler';

const owner = { userId: OWNER, isAdmin: false };

describe('CancelOrderHandler', () => {
  let transactions: InMemoryTransactions;
  let orders: InMemoryOrderRepository;
  let handler: CancelOrderHandler;
  const order = aPendingOrder({ id: 'order-1' });

  beforeEach(() => {
    transactions = new InMemoryTransactions();
    orders = new InMemoryOrderRepository().given(aPendingOrder({ id: 'order-1' }));
    handler = new CancelOrderHandler(orders);
  });

  it('when the owner cancels a pending order, then it is CANCELLED in one transaction and orders.order-cancelled is published', async () => {
    const view = await handler.execute(new CancelOrderCommand(order.id, owner));

    expect(view).toMatchObject({ status: 'CANCELLED', statusReason: 'Cancelled by the customer.' });
    expect(orders.stored(order.id)?.status).toBe('CANCELLED');
    expect(orders.outbox.names).toEqual(['orders.order-cancelled']);
    expect(transactions).toMatchObject({ begun: 1, committed: 1, rolledBack: 0 });
  });

  it('when an admin cancels, then the reason says so', async () => {
    const view = await handler.execute(new CancelOrderCommand(order.id, { userId: 'admin-1', isAdmin: true }));

    expect(view.statusReason).toBe('Cancelled by an administrator.');
  });

  it("when someone else's order or a missing one is cancelled, then order-not-found and nothing changes", async () => {
    await expect(handler.execute(new CancelOrderCommand(order.id, { userId: 'user-2', isAdmin: false }))).rejects.toThrow(
      OrderNotFoundError,
    );
    await expect(handler.execute(new CancelOrderCommand('missing', owner))).rejects.toThrow(OrderNotFoundError);
    expect(orders.stored(order.id)?.status).toBe('PENDING');
    expect(orders.outbox.names).toEqual([]);
  });

  it('when the order is already final, then order-not-cancellable', async () => {
    const rejected = aPendingOrder({ id: 'order-2' });
    rejected.reject('Not enough stock.', new Date());
    orders.given(rejected);

    await expect(handler.execute(new CancelOrderCommand('order-2', owner))).rejects.toThrow(OrderNotCancellableError);
  });

  it('when a consumer changes the order meanwhile, then it retries in a fresh transaction and cancels', async () => {
    orders.interfereWithNextUpdates(2);

    const view = await handler.execute(new CancelOrderCommand(order.id, owner));

    expect(view.status).toBe('CANCELLED');
    expect(transactions).toMatchObject({ begun: 3, rolledBack: 2, committed: 1 });
    expect(orders.outbox.names).toEqual(['orders.order-cancelled']);
  });

  it('when the order keeps changing, then it gives up after three attempts with the concurrency error', async () => {
    orders.interfereWithNextUpdates(3);

    await expect(handler.execute(new CancelOrderCommand(order.id, owner))).rejects.toThrow(ConcurrencyError);
    expect(orders.stored(order.id)?.status).toBe('PENDING');
    expect(transactions.rolledBack).toBe(3);
  });
});
