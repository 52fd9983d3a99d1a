import { InMemoryOrderRepository } from '../../../testing/order.repository.fake';
import { aPendingOrder } from '../../../testing/orders.fixtures';
import { ListOrdersHandler } from './list-orders.handler';
import { ListOrdersQuery } from './list-orders.query';

const O1 = 'c0000000-0000-4000-8000-000000000001';
const O2 = 'c0000000-0000-4000-8000-000000000002';
const O3 = 'c0000000-0000-4000-8000-000000000003';
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));

describe('ListOrdersHandler', () => {
  const orders = new InMemoryOrderRepository().given(
    aPendingOrder({ id: O1, userId: 'ada', createdAt: at(1) }),
    aPendingOrder({ id: O2, userId: 'bob', createdAt: at(2) }),
    aPendingOrder({ id: O3, userId: 'ada', createdAt: at(3) }),
  );
  const handler = new ListOrdersHandler(orders);

  it('when a customer lists, then only their orders, newest first', async () => {
    const page = await handler.execute(new ListOrdersQuery({ userId: 'ada', isAdmin: false }, 10));

    expect(page.items.map((o) => o.id)).toEqual([O3, O1]);
    expect(page.nextCursor).toBeNull();
  });

  it('when an admin pages through, then everyone’s orders, page by page with a cursor', async () => {
    const admin = { userId: 'root', isAdmin: true };
    const first = await handler.execute(new ListOrdersQuery(admin, 2));
    const second = await handler.execute(new ListOrdersQuery(admin, 2, first.nextCursor!));

    expect(first.items.map((o) => o.id)).toEqual([O3, O2]);
    expect(second.items.map((o) => o.id)).toEqual([O1]);
    expect(second.nextCursor).toBeNull();
  });

  it('when filtered by status, then only orders in it', async () => {
    const page = await handler.execute(new ListOrdersQuery({ userId: 'root', isAdmin: true }, 10, undefined, 'CANCELLED'));

    expect(page.items).toEqual([]);
  });
});
