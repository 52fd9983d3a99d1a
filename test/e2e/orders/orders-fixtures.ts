import { TransactionHost } from '@nestjs-cls/transactional';
import { randomUUID } from 'node:crypto';
import type { EventEnvelope, IntegrationEventHandler } from '@keel/messaging';
import type { ProductForOrder } from '../../../libs/orders/src/application';
import { ORDER_REPOSITORY, type OrderRepository } from '../../../libs/orders/src/domain';
import { startTestApp, type TestApp, type TestAppOptions } from '../../support/test-app';
import { signUp } from '../../support/users';

export const ADMIN = { email: 'orders-admin@example.com', password: 'orders admin password 123' };

export interface OrdersTestApp extends TestApp {
  adminToken: string;
}

/** The API (and optionally the worker) with an admin account (ADMIN_EMAIL/ADMIN_PASSWORD), logged in. */
export async function startOrdersApp(options: TestAppOptions = {}): Promise<OrdersTestApp> {
  const t = await startTestApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }, options);
  delete process.env.ADMIN_EMAIL;
  delete process.env.ADMIN_PASSWORD;
  const login = await t.http().post('/api/v1/auth/login').send(ADMIN).expect(200);
  return Object.assign(t, { adminToken: login.body.accessToken as string });
}

export const customer = async (t: TestApp) => (await signUp(t)).accessToken;
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export interface ProductInput {
  price?: { amount: number; currency: string };
  stock?: number;
  name?: string;
}

/** A product to order, created through the catalog's HTTP API as an admin (with stock in inventory). */
export async function createProduct(t: OrdersTestApp, input: ProductInput = {}): Promise<ProductForOrder> {
  const sku = `SKU-${randomUUID().slice(0, 8).toUpperCase()}`;
  const body = {
    sku,
    name: input.name ?? `Product ${sku}`,
    price: input.price ?? { amount: 1999, currency: 'USD' },
    stock: input.stock ?? 100,
  };
  const res = await t.http().post('/api/v1/products').set(bearer(t.adminToken)).send(body);
  if (res.status !== 201) throw new Error(`POST /products answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { id: res.body.id, sku, name: body.name, price: body.price };
}

export const validBody = (products: Array<{ id: string }>, quantity = 1) => ({
  items: products.map((p) => ({ productId: p.id, quantity })),
  payment: { provider: 'stripe', method: 'pm_card_visa' },
});

export const newKey = () => `key-${randomUUID()}`;

/** POST /orders with a fresh Idempotency-Key, expecting 201; returns the order body. */
export async function placeOrder(t: TestApp, token: string, body: object) {
  const res = await t.http().post('/api/v1/orders').set(bearer(token)).set('Idempotency-Key', newKey()).send(body);
  if (res.status !== 201) throw new Error(`POST /orders answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function outboxEvents(
  t: TestApp,
  aggregateId: string,
): Promise<Array<{ eventName: string; payload: Record<string, unknown> }>> {
  const rows: Array<{ event_name: string; payload: Record<string, unknown> }> = await t.dataSource.query(
    `SELECT event_name, payload FROM platform.outbox WHERE aggregate_id = $1 ORDER BY position`,
    [aggregateId],
  );
  return rows.map((r) => ({ eventName: r.event_name, payload: r.payload }));
}

/** Delivers an event to a consumer the way the platform does: handle() inside one transaction. */
export async function deliver<P>(t: TestApp, consumer: IntegrationEventHandler<P>, eventName: string, aggregateId: string, payload: P) {
  const envelope: EventEnvelope<P> = { eventId: randomUUID(), eventName, aggregateId, occurredAt: new Date().toISOString(), payload };
  await t.app.get(TransactionHost).withTransaction(() => consumer.handle(envelope));
}

/** Test setup only: drives a stored order with a domain method (for states no endpoint or consumer reaches yet). */
export async function driveOrder(
  t: TestApp,
  orderId: string,
  step: (order: NonNullable<Awaited<ReturnType<OrderRepository['findById']>>>) => void,
) {
  const orders = t.app.get<OrderRepository>(ORDER_REPOSITORY);
  await t.app.get(TransactionHost).withTransaction(async () => {
    const order = await orders.findById(orderId);
    if (!order) throw new Error(`no order ${orderId}`);
    step(order);
    await orders.update(order);
  });
}
