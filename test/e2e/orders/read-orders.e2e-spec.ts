import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Response } from 'supertest';
import { bearer, createProduct, customer, type OrdersTestApp, placeOrder, startOrdersApp, validBody } from './orders-fixtures';

describe('GET /orders and GET /orders/:id', () => {
  let t: OrdersTestApp;
  let product: { id: string };
  beforeAll(async () => {
    t = await startOrdersApp();
    product = await createProduct(t);
  });
  afterAll(() => t.close());

  const get = (path: string, token?: string) => {
    const req = t.http().get(`/api/v1/orders${path}`);
    return token ? req.set(bearer(token)) : req;
  };

  describe('one order', () => {
    it('When the owner asks, then 200 returns the order', async () => {
      const owner = await customer(t);
      const order = await placeOrder(t, owner, validBody([product]));
      expect((await get(`/${order.id}`, owner).expect(200)).body).toEqual(order);
    });

    it('When another customer asks, then 404, exactly like an order that does not exist', async () => {
      const order = await placeOrder(t, await customer(t), validBody([product]));
      const stranger = await customer(t);
      const theirs = await get(`/${order.id}`, stranger).expect(404);
      const missing = await get(`/${randomUUID()}`, stranger).expect(404);
      expect(theirs.body).toMatchObject({ status: 404, type: expect.stringContaining('order-not-found') });
      expect(theirs.body.detail).toBe(missing.body.detail);
      expect(theirs.body.type).toBe(missing.body.type);
    });

    it('When an admin asks for anyone’s order, then 200', async () => {
      const order = await placeOrder(t, await customer(t), validBody([product]));
      expect((await get(`/${order.id}`, t.adminToken).expect(200)).body.id).toBe(order.id);
    });

    it('When the id is not a UUID, then 400 names id', async () => {
      const res = await get('/not-a-uuid', await customer(t)).expect(400);
      expect(res.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    });

    it('When there is no token, then 401', async () => {
      await get(`/${randomUUID()}`).expect(401);
    });
  });

  describe('the list', () => {
    it('When a customer lists, then only their own orders appear, newest first', async () => {
      const me = await customer(t);
      const other = await customer(t);
      const mine = [];
      for (let i = 0; i < 3; i++) {
        mine.push(await placeOrder(t, me, validBody([product])));
        await placeOrder(t, other, validBody([product]));
        await sleep(2);
      }
      const res = await get('', me).expect(200);
      expect(res.body.items.map((o: { id: string }) => o.id)).toEqual(mine.map((o) => o.id).reverse());
      expect(res.body.nextCursor).toBeNull();
      expect(res.body.items[0]).toEqual(mine[2]);
    });

    it('When a customer with no orders lists, then an empty page', async () => {
      expect((await get('', await customer(t)).expect(200)).body).toEqual({ items: [], nextCursor: null });
    });

    it('When an admin lists, then everyone’s orders appear', async () => {
      const a = await placeOrder(t, await customer(t), validBody([product]));
      const b = await placeOrder(t, await customer(t), validBody([product]));
      const res = await get('?limit=100', t.adminToken).expect(200);
      const ids = res.body.items.map((o: { id: string }) => o.id);
      expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
      expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id));
    });

    it('When filtered by status, then only orders in that status appear', async () => {
      const me = await customer(t);
      const kept = await placeOrder(t, me, validBody([product]));
      const cancelled = await placeOrder(t, me, validBody([product]));
      await t.http().post(`/api/v1/orders/${cancelled.id}/cancel`).set(bearer(me)).expect(200);
      const pending = await get('?status=PENDING', me).expect(200);
      expect(pending.body.items.map((o: { id: string }) => o.id)).toEqual([kept.id]);
      const gone = await get('?status=CANCELLED', me).expect(200);
      expect(gone.body.items.map((o: { id: string; status: string }) => [o.id, o.status])).toEqual([[cancelled.id, 'CANCELLED']]);
      expect((await get('?status=PAID', me).expect(200)).body.items).toEqual([]);
    });

    it('When paged with limit=2, then every order appears exactly once, newest first', async () => {
      const me = await customer(t);
      const placed = [];
      for (let i = 0; i < 5; i++) placed.push((await placeOrder(t, me, validBody([product]))).id);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Response = await get(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`, me).expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((o: { id: string }) => o.id));
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual([...placed].reverse());
    });

    it.each([
      ['status=SHIPPED', 'status'],
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['cursor=not-a-real-cursor', 'cursor'],
      ['colour=red', 'colour'],
    ])('When the query is %s, then 400 names %s', async (query, field) => {
      const res = await get(`?${query}`, await customer(t)).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('When there is no token, then 401', async () => {
      await get('').expect(401);
    });
  });
});
