import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { ClsService } from 'nestjs-cls';
import { randomUUID } from 'node:crypto';
import type { EventEnvelope, IntegrationEventHandler } from '@keel/messaging';
import { AdjustStockCommand, GetStockLevelsQuery, InitializeStockCommand } from '@keel/inventory/contracts';
import { ReleaseStockOnOrderCancelled, ReserveStockOnOrderPlaced } from '../../../libs/inventory/src/application';
import { startTestApp, TestApp } from '../../support/test-app';
import { sql } from '../catalog/catalog-fixtures';

interface Line {
  productId: string;
  quantity: number;
}

describe('Inventory reservations driven by order events', () => {
  let t: TestApp;
  let reserve: ReserveStockOnOrderPlaced;
  let release: ReleaseStockOnOrderCancelled;

  beforeAll(async () => {
    t = await startTestApp();
    reserve = t.app.get(ReserveStockOnOrderPlaced);
    release = t.app.get(ReleaseStockOnOrderCancelled);
  });
  afterAll(() => t.close());

  /** What the platform's consumer runtime does: one transaction per delivery, around handle(). */
  function deliver<P>(handler: IntegrationEventHandler<P>, eventName: string, payload: P, eventId = randomUUID()): Promise<void> {
    const envelope: EventEnvelope<P> = {
      eventId,
      eventName,
      aggregateId: (payload as { orderId?: string }).orderId ?? 'unknown',
      occurredAt: new Date().toISOString(),
      payload,
    };
    return t.app.get(ClsService).run(() => t.app.get(TransactionHost).withTransaction(() => handler.handle(envelope)));
  }

  const placed = (orderId: string, items: Line[]) =>
    deliver(reserve, 'orders.order-placed', { orderId, userId: randomUUID(), items }) as Promise<void>;
  const cancelled = (orderId: string) =>
    deliver(release, 'orders.order-cancelled', { orderId, userId: randomUUID(), reason: 'Changed my mind', previousStatus: 'CONFIRMED' });

  /** Products with stock, sorted by id (the order inventory holds them in). */
  async function stocked(...quantities: number[]): Promise<string[]> {
    const ids = quantities.map(() => randomUUID()).sort();
    for (const [i, id] of ids.entries()) await t.app.get(CommandBus).execute(new InitializeStockCommand(id, quantities[i]));
    return ids;
  }

  async function level(productId: string) {
    const [row] = await sql<{ available: number; reserved: number }>(
      t,
      'SELECT available, reserved FROM inventory.stock_items WHERE product_id = $1',
      [productId],
    );
    return row;
  }

  const reservationOf = async (orderId: string) =>
    (
      await sql<{ id: string; status: string; lines: Line[]; reason: string | null }>(
        t,
        'SELECT id, status, lines, reason FROM inventory.reservations WHERE order_id = $1',
        [orderId],
      )
    )[0];

  const eventsOf = (orderId: string) =>
    sql<{ event_name: string; payload: Record<string, unknown> }>(
      t,
      `SELECT event_name, payload FROM platform.outbox WHERE payload->>'orderId' = $1 ORDER BY position`,
      [orderId],
    );

  describe('reserve-stock (orders.order-placed)', () => {
    it('When every line is available, then all are held, the reservation is RESERVED and StockReserved is published', async () => {
      const [a, b] = await stocked(5, 3);
      const orderId = randomUUID();
      await placed(orderId, [
        { productId: b, quantity: 3 },
        { productId: a, quantity: 2 },
      ]);
      expect(await level(a)).toEqual({ available: 3, reserved: 2 });
      expect(await level(b)).toEqual({ available: 0, reserved: 3 });
      const reservation = await reservationOf(orderId);
      expect(reservation).toMatchObject({
        status: 'RESERVED',
        lines: [
          { productId: a, quantity: 2 },
          { productId: b, quantity: 3 },
        ],
      });
      expect(await eventsOf(orderId)).toEqual([
        { event_name: 'inventory.stock-reserved', payload: { orderId, reservationId: reservation.id } },
      ]);
      const movements = await sql(
        t,
        'SELECT product_id, delta, reason FROM inventory.stock_movements WHERE order_id = $1 ORDER BY product_id',
        [orderId],
      );
      expect(movements).toEqual([
        { product_id: a, delta: -2, reason: 'reservation' },
        { product_id: b, delta: -3, reason: 'reservation' },
      ]);
    });

    it('When one line is short, then nothing is held (earlier lines roll back) and StockRejected says what is missing', async () => {
      const [a, b] = await stocked(10, 1);
      const orderId = randomUUID();
      await placed(orderId, [
        { productId: a, quantity: 4 },
        { productId: b, quantity: 3 },
      ]);
      expect(await level(a)).toEqual({ available: 10, reserved: 0 });
      expect(await level(b)).toEqual({ available: 1, reserved: 0 });
      expect(await reservationOf(orderId)).toMatchObject({ status: 'REJECTED', lines: [] });
      const [event] = await eventsOf(orderId);
      expect(event.event_name).toBe('inventory.stock-rejected');
      expect(event.payload).toEqual({ orderId, reason: `Not enough stock for product ${b}: requested 3, available 1`, productIds: [b] });
      const movements = await sql(t, 'SELECT 1 FROM inventory.stock_movements WHERE order_id = $1', [orderId]);
      expect(movements).toHaveLength(0);
    });

    it('When several lines are short, then the reason names each of them', async () => {
      const [a, b, c] = await stocked(0, 5, 2);
      const orderId = randomUUID();
      await placed(orderId, [
        { productId: a, quantity: 1 },
        { productId: b, quantity: 1 },
        { productId: c, quantity: 4 },
      ]);
      const [event] = await eventsOf(orderId);
      expect(event.payload.productIds).toEqual([a, c]);
      expect(event.payload.reason).toBe(
        `Product ${a} is out of stock: requested 1, available 0; Not enough stock for product ${c}: requested 4, available 2`,
      );
    });

    it('When a product keeps no stock at all, then the order is rejected naming it', async () => {
      const unknown = randomUUID();
      const orderId = randomUUID();
      await placed(orderId, [{ productId: unknown, quantity: 1 }]);
      const [event] = await eventsOf(orderId);
      expect(event).toMatchObject({ event_name: 'inventory.stock-rejected', payload: { productIds: [unknown] } });
    });

    it('When the same product appears on two lines, then their quantities are held together', async () => {
      const [a] = await stocked(5);
      const orderId = randomUUID();
      await placed(orderId, [
        { productId: a, quantity: 2 },
        { productId: a, quantity: 3 },
      ]);
      expect(await level(a)).toEqual({ available: 0, reserved: 5 });
      expect((await reservationOf(orderId)).lines).toEqual([{ productId: a, quantity: 5 }]);
    });

    it('When the event is delivered again (or another order-placed arrives for the order), then nothing more is held or published', async () => {
      const [a] = await stocked(5);
      const orderId = randomUUID();
      const eventId = randomUUID();
      const payload = { orderId, userId: randomUUID(), items: [{ productId: a, quantity: 2 }] };
      await deliver(reserve, 'orders.order-placed', payload, eventId);
      await deliver(reserve, 'orders.order-placed', payload, eventId);
      await deliver(reserve, 'orders.order-placed', payload);
      expect(await level(a)).toEqual({ available: 3, reserved: 2 });
      expect(await eventsOf(orderId)).toHaveLength(1);
    });

    it('When the same order-placed is handled 10 times concurrently, then stock is held once and one event is published', async () => {
      const [a] = await stocked(5);
      const orderId = randomUUID();
      const payload = { orderId, userId: randomUUID(), items: [{ productId: a, quantity: 1 }] };
      await Promise.all(Array.from({ length: 10 }, () => deliver(reserve, 'orders.order-placed', payload)));
      expect(await level(a)).toEqual({ available: 4, reserved: 1 });
      expect(await eventsOf(orderId)).toHaveLength(1);
    });

    it.each([
      ['no items', []],
      ['a zero quantity', [{ productId: '00000000-0000-4000-8000-000000000001', quantity: 0 }]],
      ['a product id that is not a UUID', [{ productId: 'SKU-1', quantity: 1 }]],
    ])('When the order has %s, then it is rejected with a reason, not retried forever', async (_what, items) => {
      const orderId = randomUUID();
      await placed(orderId, items as Line[]);
      const [event] = await eventsOf(orderId);
      expect(event).toMatchObject({ event_name: 'inventory.stock-rejected', payload: { orderId, reason: expect.any(String) } });
      expect(await reservationOf(orderId)).toMatchObject({ status: 'REJECTED' });
    });

    it('When the event has no valid orderId, then handling fails (the job is retried, then dead-lettered)', async () => {
      await expect(deliver(reserve, 'orders.order-placed', { orderId: 'nope', userId: 'u', items: [] })).rejects.toThrow(/orderId/);
    });

    it('When 50 orders of 1 unit race for a stock of 10 (each its own transaction), then exactly 10 are reserved and 40 rejected', async () => {
      const [a] = await stocked(10);
      const orders = Array.from({ length: 50 }, () => randomUUID());
      await Promise.all(orders.map((orderId) => placed(orderId, [{ productId: a, quantity: 1 }])));
      expect(await level(a)).toEqual({ available: 0, reserved: 10 });
      const statuses = await sql<{ status: string; count: string }>(
        t,
        'SELECT status, count(*) FROM inventory.reservations WHERE order_id = ANY($1) GROUP BY status ORDER BY status',
        [orders],
      );
      expect(statuses).toEqual([
        { status: 'REJECTED', count: '40' },
        { status: 'RESERVED', count: '10' },
      ]);
      const events = await sql<{ event_name: string; count: string }>(
        t,
        `SELECT event_name, count(*) FROM platform.outbox WHERE payload->>'orderId' = ANY($1) GROUP BY event_name ORDER BY event_name`,
        [orders],
      );
      expect(events).toEqual([
        { event_name: 'inventory.stock-rejected', count: '40' },
        { event_name: 'inventory.stock-reserved', count: '10' },
      ]);
    });

    it('When 30 two-product orders list the products in opposite orders concurrently, then no deadlock and exactly 10 are held', async () => {
      const [a, b] = await stocked(10, 10);
      const orders = Array.from({ length: 30 }, () => randomUUID());
      await Promise.all(
        orders.map((orderId, i) =>
          placed(
            orderId,
            i % 2 === 0
              ? [
                  { productId: a, quantity: 1 },
                  { productId: b, quantity: 1 },
                ]
              : [
                  { productId: b, quantity: 1 },
                  { productId: a, quantity: 1 },
                ],
          ),
        ),
      );
      expect(await level(a)).toEqual({ available: 0, reserved: 10 });
      expect(await level(b)).toEqual({ available: 0, reserved: 10 });
    });
  });

  describe('release-stock (orders.order-cancelled, orders.payment-failed)', () => {
    it('When a reserved order is cancelled, then its units go back once, even if the cancellation is delivered twice', async () => {
      const [a, b] = await stocked(5, 5);
      const orderId = randomUUID();
      await placed(orderId, [
        { productId: a, quantity: 2 },
        { productId: b, quantity: 1 },
      ]);
      await cancelled(orderId);
      await cancelled(orderId);
      expect(await level(a)).toEqual({ available: 5, reserved: 0 });
      expect(await level(b)).toEqual({ available: 5, reserved: 0 });
      expect(await reservationOf(orderId)).toMatchObject({ status: 'RELEASED' });
      const movements = await sql(
        t,
        `SELECT delta FROM inventory.stock_movements WHERE order_id = $1 AND reason = 'release' ORDER BY product_id`,
        [orderId],
      );
      expect(movements).toEqual([{ delta: 2 }, { delta: 1 }]);
    });

    it('When payment fails, then the held units go back too', async () => {
      const [a] = await stocked(3);
      const orderId = randomUUID();
      await placed(orderId, [{ productId: a, quantity: 3 }]);
      await deliver(release, 'orders.payment-failed', { orderId });
      expect(await level(a)).toEqual({ available: 3, reserved: 0 });
    });

    it('When an order is cancelled before inventory saw it, then a tombstone is kept and the late order-placed holds nothing', async () => {
      const [a] = await stocked(5);
      const orderId = randomUUID();
      await cancelled(orderId);
      expect(await reservationOf(orderId)).toMatchObject({ status: 'RELEASED', lines: [] });
      await placed(orderId, [{ productId: a, quantity: 2 }]);
      expect(await level(a)).toEqual({ available: 5, reserved: 0 });
      expect(await eventsOf(orderId)).toEqual([]);
    });

    it('When a rejected order is cancelled, then nothing changes', async () => {
      const [a] = await stocked(1);
      const orderId = randomUUID();
      await placed(orderId, [{ productId: a, quantity: 2 }]);
      await cancelled(orderId);
      expect(await level(a)).toEqual({ available: 1, reserved: 0 });
      expect(await reservationOf(orderId)).toMatchObject({ status: 'REJECTED' });
    });

    it('When placing and cancelling race for 20 orders, then every unit ends up back on the shelf', async () => {
      const [a] = await stocked(20);
      const orders = Array.from({ length: 20 }, () => randomUUID());
      await Promise.all(orders.flatMap((orderId) => [placed(orderId, [{ productId: a, quantity: 1 }]), cancelled(orderId)]));
      expect(await level(a)).toEqual({ available: 20, reserved: 0 });
      const statuses = await sql<{ status: string }>(t, 'SELECT DISTINCT status FROM inventory.reservations WHERE order_id = ANY($1)', [
        orders,
      ]);
      expect(statuses).toEqual([{ status: 'RELEASED' }]);
    });
  });

  describe('stock commands and queries (contracts)', () => {
    it('When stock levels are asked for, then known products map to available units; unknown and malformed ids are absent', async () => {
      const [a, b] = await stocked(4, 0);
      const levels = await t.app.get(QueryBus).execute(new GetStockLevelsQuery([a, b, randomUUID(), 'not-a-uuid']));
      expect(levels).toEqual({ [a]: 4, [b]: 0 });
    });

    it('When stock is initialised twice for a product, then 409 stock-already-initialized', async () => {
      const [a] = await stocked(1);
      await expect(t.app.get(CommandBus).execute(new InitializeStockCommand(a, 1))).rejects.toMatchObject({
        code: 'stock-already-initialized',
        kind: 'conflict',
      });
    });

    it('When a product without stock is adjusted, then stock-item-not-found; below zero, insufficient-stock', async () => {
      await expect(t.app.get(CommandBus).execute(new AdjustStockCommand(randomUUID(), 1, 'x'))).rejects.toMatchObject({
        code: 'stock-item-not-found',
      });
      const [a] = await stocked(1);
      await expect(t.app.get(CommandBus).execute(new AdjustStockCommand(a, -2, 'x'))).rejects.toMatchObject({ code: 'insufficient-stock' });
      expect(await t.app.get(CommandBus).execute(new AdjustStockCommand(a, 4, 'Delivery'))).toEqual({
        productId: a,
        available: 5,
        reserved: 0,
      });
    });

    it('When an adjustment would pass a billion units, then stock-limit-exceeded', async () => {
      const [a] = await stocked(1_000_000);
      await expect(t.app.get(CommandBus).execute(new AdjustStockCommand(a, 999_999_999, 'x'))).rejects.toMatchObject({
        code: 'stock-limit-exceeded',
      });
    });
  });
});
