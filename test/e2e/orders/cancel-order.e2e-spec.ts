import { randomUUID } from 'node:crypto';
import { ConfirmOrderOnStockReserved, RejectOrderOnStockRejected } from '../../../libs/orders/src/application';
import {
  bearer,
  createProduct,
  customer,
  deliver,
  driveOrder,
  type OrdersTestApp,
  outboxEvents,
  placeOrder,
  startOrdersApp,
  validBody,
} from './orders-fixtures';

describe('POST /orders/:id/cancel', () => {
  let t: OrdersTestApp;
  let product: { id: string };
  beforeAll(async () => {
    t = await startOrdersApp();
    product = await createProduct(t, { price: { amount: 700, currency: 'GBP' } });
  });
  afterAll(() => t.close());

  const cancel = (orderId: string, token?: string) => {
    const req = t.http().post(`/api/v1/orders/${orderId}/cancel`);
    return token ? req.set(bearer(token)) : req;
  };
  const confirm = (orderId: string) =>
    deliver(t, t.app.get(ConfirmOrderOnStockReserved), 'inventory.stock-reserved', orderId, { orderId, reservationId: randomUUID() });

  it('When the owner cancels a PENDING order, then 200 CANCELLED with the reason in history and OrderCancelled in the outbox', async () => {
    const owner = await customer(t);
    const order = await placeOrder(t, owner, validBody([product]));
    const res = await cancel(order.id, owner).expect(200);
    expect(res.body).toMatchObject({ id: order.id, status: 'CANCELLED', statusReason: 'Cancelled by the customer.' });
    expect(res.body.history).toEqual([
      { status: 'PENDING', at: order.createdAt, reason: null },
      { status: 'CANCELLED', at: res.body.updatedAt, reason: 'Cancelled by the customer.' },
    ]);
    expect((await t.http().get(`/api/v1/orders/${order.id}`).set(bearer(owner)).expect(200)).body).toEqual(res.body);
    const events = await outboxEvents(t, order.id);
    expect(events.map((e) => e.eventName)).toEqual(['orders.order-placed', 'orders.order-cancelled']);
    expect(events[1].payload).toEqual({
      orderId: order.id,
      userId: expect.any(String),
      reason: 'Cancelled by the customer.',
      previousStatus: 'PENDING',
    });
  });

  it('When a CONFIRMED order is cancelled, then OrderCancelled says it was CONFIRMED (stock to release)', async () => {
    const owner = await customer(t);
    const order = await placeOrder(t, owner, validBody([product]));
    await confirm(order.id);
    await cancel(order.id, owner).expect(200);
    const events = await outboxEvents(t, order.id);
    expect(events[events.length - 1]).toMatchObject({ eventName: 'orders.order-cancelled', payload: { previousStatus: 'CONFIRMED' } });
  });

  it('When a PAID order is cancelled, then OrderCancelled says it was PAID (refund)', async () => {
    const owner = await customer(t);
    const order = await placeOrder(t, owner, validBody([product]));
    await confirm(order.id);
    await driveOrder(t, order.id, (o) => o.markPaid(new Date()));
    const res = await cancel(order.id, owner).expect(200);
    expect(res.body.history.map((h: { status: string }) => h.status)).toEqual(['PENDING', 'CONFIRMED', 'PAID', 'CANCELLED']);
    const events = await outboxEvents(t, order.id);
    expect(events[events.length - 1]).toMatchObject({ eventName: 'orders.order-cancelled', payload: { previousStatus: 'PAID' } });
  });

  it.each([
    ['CANCELLED', async (id: string, token: string) => void (await cancel(id, token).expect(200))],
    [
      'REJECTED',
      (id: string) =>
        deliver(t, t.app.get(RejectOrderOnStockRejected), 'inventory.stock-rejected', id, {
          orderId: id,
          reason: 'Not enough stock',
          productIds: [product.id],
        }),
    ],
    [
      'PAYMENT_FAILED',
      async (id: string) => {
        await confirm(id);
        await driveOrder(t, id, (o) => o.markPaymentFailed('Card declined', new Date()));
      },
    ],
  ] as const)('When the order is %s, then 409 order-not-cancellable and nothing changes', async (status, reach) => {
    const owner = await customer(t);
    const order = await placeOrder(t, owner, validBody([product]));
    await reach(order.id, owner);
    const before = (await t.http().get(`/api/v1/orders/${order.id}`).set(bearer(owner)).expect(200)).body;
    expect(before.status).toBe(status);
    const eventsBefore = await outboxEvents(t, order.id);
    const res = await cancel(order.id, owner).expect(409);
    expect(res.body).toMatchObject({ status: 409, type: expect.stringContaining('order-not-cancellable') });
    expect(res.body.detail).toContain(status);
    expect((await t.http().get(`/api/v1/orders/${order.id}`).set(bearer(owner)).expect(200)).body).toEqual(before);
    expect(await outboxEvents(t, order.id)).toEqual(eventsBefore);
  });

  it('When another customer tries to cancel, then 404 and the order stays PENDING', async () => {
    const owner = await customer(t);
    const order = await placeOrder(t, owner, validBody([product]));
    const res = await cancel(order.id, await customer(t)).expect(404);
    expect(res.body.type).toContain('order-not-found');
    expect((await t.http().get(`/api/v1/orders/${order.id}`).set(bearer(owner)).expect(200)).body.status).toBe('PENDING');
  });

  it('When an admin cancels a customer’s order, then 200 and the reason says so', async () => {
    const order = await placeOrder(t, await customer(t), validBody([product]));
    const res = await cancel(order.id, t.adminToken).expect(200);
    expect(res.body).toMatchObject({ status: 'CANCELLED', statusReason: 'Cancelled by an administrator.' });
  });

  it('When the order does not exist, then 404; a malformed id is 400; no token is 401', async () => {
    const token = await customer(t);
    await cancel(randomUUID(), token).expect(404);
    await cancel('123', token).expect(400);
    await cancel(randomUUID()).expect(401);
  });

  it('When the owner cancels twice at the same time, then exactly one succeeds and one OrderCancelled is recorded', async () => {
    const owner = await customer(t);
    const order = await placeOrder(t, owner, validBody([product]));
    const results = await Promise.all([1, 2, 3].map(() => cancel(order.id, owner)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const cancelled = (await outboxEvents(t, order.id)).filter((e) => e.eventName === 'orders.order-cancelled');
    expect(cancelled).toHaveLength(1);
  });
});
