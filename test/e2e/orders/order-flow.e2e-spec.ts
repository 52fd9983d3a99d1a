import { KeelApiError } from '@keel/client';
import { signedInCustomer } from '../../support/keel-client';
import { createProduct, type OrdersTestApp, startOrdersApp } from './orders-fixtures';

/**
 * The whole asynchronous flow with the real worker: outbox → relay → queues → inventory and orders consumers.
 * The customer's side goes through the generated client (@keel/client), as a REST consumer's would.
 */
describe('Order flow through the worker', () => {
  let t: OrdersTestApp;
  beforeAll(async () => {
    t = await startOrdersApp({ worker: true });
  });
  afterAll(() => t.close());

  const line = (productId: string, quantity: number) => ({
    items: [{ productId, quantity }],
    payment: { provider: 'stripe' as const, method: 'pm_card_visa' },
  });

  it('When stock suffices, then the order becomes CONFIRMED and the stock is held; cancelling releases it', async () => {
    const { client } = await signedInCustomer(t);
    const product = await createProduct(t, { stock: 5 });
    const placed = await client.placeOrder(line(product.id, 2));
    await t.waitForQuiet();

    const confirmed = await client.getOrder(placed.id);
    expect(confirmed.status).toBe('CONFIRMED');
    expect(confirmed.history.map((h) => h.status)).toEqual(['PENDING', 'CONFIRMED']);
    expect((await client.getProduct(product.id)).stock).toBe(3);

    expect((await client.cancelOrder(placed.id)).status).toBe('CANCELLED');
    await t.waitForQuiet();
    expect((await client.getProduct(product.id)).stock).toBe(5);
  });

  it('When stock is short, then the order becomes REJECTED with the reason and nothing is held', async () => {
    const { client } = await signedInCustomer(t);
    const product = await createProduct(t, { stock: 1 });
    const placed = await client.placeOrder(line(product.id, 3));
    await t.waitForQuiet();

    const rejected = await client.getOrder(placed.id);
    expect(rejected.status).toBe('REJECTED');
    expect(rejected.statusReason).toEqual(expect.any(String));
    expect(rejected.statusReason!.length).toBeGreaterThan(0);
    expect(rejected.history.map((h) => [h.status, h.reason])).toEqual([
      ['PENDING', null],
      ['REJECTED', rejected.statusReason],
    ]);
    expect((await client.getProduct(product.id)).stock).toBe(1);
    await expect(client.cancelOrder(placed.id)).rejects.toEqual(expect.objectContaining({ status: 409 }));
    await expect(client.cancelOrder(placed.id)).rejects.toBeInstanceOf(KeelApiError);
  });
});
