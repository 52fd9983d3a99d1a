import { TransactionHost } from '@nestjs-cls/transactional';
import { randomUUID } from 'node:crypto';
import { ConfirmOrderOnStockReserved, RejectOrderOnStockRejected } from '../../../libs/orders/src/application';
import { ConcurrencyError, ORDER_REPOSITORY, type OrderRepository } from '../../../libs/orders/src/domain';
import {
  bearer,
  createProduct,
  customer,
  deliver,
  type OrdersTestApp,
  outboxEvents,
  placeOrder,
  startOrdersApp,
  validBody,
} from './orders-fixtures';

describe('Order lifecycle driven by inventory events', () => {
  let t: OrdersTestApp;
  let product: { id: string };
  beforeAll(async () => {
    t = await startOrdersApp();
    product = await createProduct(t, { price: { amount: 1500, currency: 'INR' } });
  });
  afterAll(() => t.close());

  const stockReserved = (orderId: string) =>
    deliver(t, t.app.get(ConfirmOrderOnStockReserved), 'inventory.stock-reserved', orderId, { orderId, reservationId: randomUUID() });
  const stockRejected = (orderId: string, reason = 'Not enough stock for the product: requested 2, available 1') =>
    deliver(t, t.app.get(RejectOrderOnStockRejected), 'inventory.stock-rejected', orderId, { orderId, reason, productIds: [product.id] });
  const read = async (orderId: string, token: string) =>
    (await t.http().get(`/api/v1/orders/${orderId}`).set(bearer(token)).expect(200)).body;

  it('When stock is reserved for a PENDING order, then it is CONFIRMED and OrderConfirmed + PaymentRequested are in the outbox', async () => {
    const owner = await customer(t);
    const order = await placeOrder(t, owner, {
      items: [{ productId: product.id, quantity: 2 }],
      payment: { provider: 'stripe', method: 'pm_card_visa' },
    });
    await stockReserved(order.id);

    const confirmed = await read(order.id, owner);
    expect(confirmed).toMatchObject({ status: 'CONFIRMED', statusReason: null });
    expect(confirmed.history.map((h: { status: string }) => h.status)).toEqual(['PENDING', 'CONFIRMED']);
    const userId = (await t.http().get('/api/v1/users/me').set(bearer(owner)).expect(200)).body.id;
    expect(await outboxEvents(t, order.id)).toEqual([
      expect.objectContaining({ eventName: 'orders.order-placed' }),
      { eventName: 'orders.order-confirmed', payload: { orderId: order.id, userId, total: { amount: 3000, currency: 'INR' } } },
      {
        eventName: 'orders.payment-requested',
        payload: { orderId: order.id, userId, amount: { amount: 3000, currency: 'INR' }, provider: 'stripe', method: 'pm_card_visa' },
      },
    ]);
  });

  it('When stock is reserved for an order cancelled meanwhile, then nothing changes and nothing is published', async () => {
    const owner = await customer(t);
    const order = await placeOrder(t, owner, validBody([product]));
    await t.http().post(`/api/v1/orders/${order.id}/cancel`).set(bearer(owner)).expect(200);
    const before = await read(order.id, owner);
    const events = await outboxEvents(t, order.id);
    await stockReserved(order.id);
    expect(await read(order.id, owner)).toEqual(before);
    expect(await outboxEvents(t, order.id)).toEqual(events);
  });

  it('When stock reservation is reported twice (two events), then the order is confirmed once', async () => {
    const owner = await customer(t);
    const order = await placeOrder(t, owner, validBody([product]));
    await stockReserved(order.id);
    await stockReserved(order.id);
    expect((await read(order.id, owner)).history).toHaveLength(2);
    expect((await outboxEvents(t, order.id)).filter((e) => e.eventName === 'orders.payment-requested')).toHaveLength(1);
  });

  it('When stock is rejected for a PENDING order, then it is REJECTED with inventory’s reason and OrderRejected is published', async () => {
    const owner = await customer(t);
    const order = await placeOrder(t, owner, validBody([product]));
    await stockRejected(order.id, 'Not enough stock for SKU-1: requested 1, available 0');
    const rejected = await read(order.id, owner);
    expect(rejected).toMatchObject({ status: 'REJECTED', statusReason: 'Not enough stock for SKU-1: requested 1, available 0' });
    expect(rejected.history[1]).toEqual({ status: 'REJECTED', at: rejected.updatedAt, reason: rejected.statusReason });
    const events = await outboxEvents(t, order.id);
    expect(events[events.length - 1]).toEqual({
      eventName: 'orders.order-rejected',
      payload: { orderId: order.id, userId: expect.any(String), reason: 'Not enough stock for SKU-1: requested 1, available 0' },
    });
  });

  it('When stock is rejected for an order already CONFIRMED, then it is ignored', async () => {
    const owner = await customer(t);
    const order = await placeOrder(t, owner, validBody([product]));
    await stockReserved(order.id);
    await stockRejected(order.id);
    expect((await read(order.id, owner)).status).toBe('CONFIRMED');
  });

  it('When an event names an unknown order, then the consumers do nothing (and do not fail forever)', async () => {
    await expect(stockReserved(randomUUID())).resolves.toBeUndefined();
    await expect(stockRejected(randomUUID())).resolves.toBeUndefined();
  });

  it('When two writers load the same version, then the second save fails with ConcurrencyError and changes nothing', async () => {
    const owner = await customer(t);
    const order = await placeOrder(t, owner, validBody([product]));
    const orders = t.app.get<OrderRepository>(ORDER_REPOSITORY);
    const tx = t.app.get(TransactionHost);
    const first = (await tx.withTransaction(() => orders.findById(order.id)))!;
    const second = (await tx.withTransaction(() => orders.findById(order.id)))!;
    first.confirm(new Date());
    await tx.withTransaction(() => orders.update(first));
    second.cancel('Too late', new Date());
    await expect(tx.withTransaction(() => orders.update(second))).rejects.toBeInstanceOf(ConcurrencyError);
    const stored = await read(order.id, owner);
    expect(stored.status).toBe('CONFIRMED');
    expect(stored.history).toHaveLength(2);
  });

  it('When a consumer fails mid-way, then its transaction rolls back: no status change and no events', async () => {
    const owner = await customer(t);
    const order = await placeOrder(t, owner, validBody([product]));
    const events = await outboxEvents(t, order.id);
    const consumer = t.app.get(ConfirmOrderOnStockReserved);
    await expect(
      t.app.get(TransactionHost).withTransaction(async () => {
        await consumer.handle({
          eventId: randomUUID(),
          eventName: 'inventory.stock-reserved',
          aggregateId: order.id,
          occurredAt: new Date().toISOString(),
          payload: { orderId: order.id, reservationId: randomUUID() },
        });
        throw new Error('the platform failed after the handler');
      }),
    ).rejects.toThrow('the platform failed');
    expect((await read(order.id, owner)).status).toBe('PENDING');
    expect(await outboxEvents(t, order.id)).toEqual(events);
  });
});
