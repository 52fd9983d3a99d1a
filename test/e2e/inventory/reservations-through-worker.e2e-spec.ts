import { CommandBus } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { randomUUID } from 'node:crypto';
import { OutboxPublisher } from '@keel/messaging';
import { DomainEvent } from '@keel/kernel/domain';
import { InitializeStockCommand } from '@keel/inventory/contracts';
import { startTestApp, TestApp } from '../../support/test-app';
import { sql } from '../catalog/catalog-fixtures';

/** Stands in for the orders context: the same wire names and payloads it publishes. */
class OrderEvent extends DomainEvent<Record<string, unknown>> {
  constructor(
    readonly eventName: string,
    payload: { orderId: string } & Record<string, unknown>,
  ) {
    super(payload.orderId, payload);
  }
}

describe.each([
  ['PostgreSQL', false],
  ['Redis', true],
])('Inventory consumers in the real worker (outbox → relay → queue on %s → inbox)', (_backend, redis) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({}, { worker: true, redis });
  });
  afterAll(() => t.close());

  const publish = (...events: DomainEvent[]) =>
    t.app.get(TransactionHost).withTransaction(() => t.app.get(OutboxPublisher).publish(...events));

  async function stocked(quantity: number): Promise<string> {
    const id = randomUUID();
    await t.app.get(CommandBus).execute(new InitializeStockCommand(id, quantity));
    return id;
  }

  const level = async (productId: string) =>
    (await sql(t, 'SELECT available, reserved FROM inventory.stock_items WHERE product_id = $1', [productId]))[0];

  it('When orders publishes OrderPlaced, then the worker reserves the stock once and StockReserved follows', async () => {
    const productId = await stocked(5);
    const orderId = randomUUID();
    const placed = new OrderEvent('orders.order-placed', { orderId, userId: randomUUID(), items: [{ productId, quantity: 2 }] });
    await publish(placed);
    await t.waitForQuiet();
    expect(await level(productId)).toEqual({ available: 3, reserved: 2 });
    const inbox = await sql(t, `SELECT consumer FROM platform.inbox WHERE event_id = $1`, [placed.eventId]);
    expect(inbox).toEqual([{ consumer: 'inventory.reserve-stock' }]);
    const events = await sql(t, `SELECT event_name FROM platform.outbox WHERE payload->>'orderId' = $1 AND event_name LIKE 'inventory.%'`, [
      orderId,
    ]);
    expect(events).toEqual([{ event_name: 'inventory.stock-reserved' }]);
  });

  it('When the order is then cancelled, then the worker returns the units', async () => {
    const productId = await stocked(4);
    const orderId = randomUUID();
    await publish(new OrderEvent('orders.order-placed', { orderId, userId: randomUUID(), items: [{ productId, quantity: 4 }] }));
    await t.waitForQuiet();
    expect(await level(productId)).toEqual({ available: 0, reserved: 4 });
    await publish(new OrderEvent('orders.order-cancelled', { orderId, userId: randomUUID(), reason: 'x', previousStatus: 'CONFIRMED' }));
    await t.waitForQuiet();
    expect(await level(productId)).toEqual({ available: 4, reserved: 0 });
  });

  it('When 30 orders of 1 unit for a stock of 10 go through the queue, then exactly 10 are reserved', async () => {
    const productId = await stocked(10);
    const orders = Array.from({ length: 30 }, () => randomUUID());
    await publish(
      ...orders.map(
        (orderId) => new OrderEvent('orders.order-placed', { orderId, userId: randomUUID(), items: [{ productId, quantity: 1 }] }),
      ),
    );
    await t.waitForQuiet(30_000);
    expect(await level(productId)).toEqual({ available: 0, reserved: 10 });
    const statuses = await sql(
      t,
      'SELECT status, count(*)::int AS n FROM inventory.reservations WHERE order_id = ANY($1) GROUP BY status ORDER BY status',
      [orders],
    );
    expect(statuses).toEqual([
      { status: 'REJECTED', n: 20 },
      { status: 'RESERVED', n: 10 },
    ]);
  });
});
