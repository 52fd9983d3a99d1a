import { setTimeout as sleep } from 'node:timers/promises';
import { queueJobsRetried } from '@keel/observability';
import { TestObjectStorage } from '../../support/object-storage';
import { bearer, createProduct, customer, placeOrder } from '../orders/orders-fixtures';
import { isSettled, type PaymentsTestApp, startPaymentsApp, waitForOrder } from '../payments/payments-fixtures';
import { createUpload, type ImageUpload, pngOf, putTo, waitForImageStatus } from './files-fixtures';

/**
 * Object storage down in the middle of the flows (the test's own S3 server, stopped and started
 * again on the same port): image verification and invoice rendering fail and retry with backoff,
 * while orders, payments, reads and readiness carry on; once storage is back, both jobs finish.
 */
describe('Storage outage', () => {
  let s3: TestObjectStorage;
  let t: PaymentsTestApp;

  beforeAll(async () => {
    s3 = await TestObjectStorage.start();
    t = await startPaymentsApp({ env: s3.env });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await s3?.close();
  });

  /** Inbox rows commit only with a job's effects: 0 means the job has not succeeded yet. */
  const processed = async (consumer: string) =>
    Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM platform.inbox WHERE consumer = $1`, [consumer]))[0].n);
  /** Failed attempts that were scheduled for a retry (the worker runs in this process: its metrics are here). */
  const retries = async (consumer: string) =>
    (await queueJobsRetried.get()).values.filter((v) => v.labels.consumer === consumer).reduce((sum, v) => sum + v.value, 0);

  it('When S3 stops mid-flow, then the jobs retry, everything else works, and both jobs complete once it is back', async () => {
    // An image uploaded while storage is up…
    const product = await createProduct(t, { stock: 10, price: { amount: 4200, currency: 'USD' } });
    const png = await pngOf(600, 300);
    const { body } = (await createUpload(t, t.adminToken, product.id, 'image/png', png.length).expect(201)) as { body: ImageUpload };
    expect(await putTo(body.upload, png)).toBe(200);

    // …then storage goes down.
    await s3.stop();
    const downAt = Date.now();
    await t.http().post(`/api/v1/products/${product.id}/images/${body.id}/complete`).set(bearer(t.adminToken)).expect(202);

    // Orders and payments are unaffected: the order is paid, its invoice is issued (numbered) but cannot be rendered.
    const token = await customer(t);
    const placed = await placeOrder(t, token, {
      items: [{ productId: product.id, quantity: 1 }],
      payment: { provider: 'stripe', method: 'pm_card_visa' },
    });
    expect((await waitForOrder(t, token, placed.id, isSettled)).status).toBe('PAID');
    // Reads too; readiness says storage is degraded but stays 200.
    await t.http().get(`/api/v1/products/${product.id}`).expect(200);
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body.info.storage).toEqual({ status: 'degraded', critical: false });
    expect(ready.body.info.database.status).toBe('up');

    // The jobs are failing and retrying, not done: the image stays PROCESSING, the invoice is not ready.
    const deadline = Date.now() + 15_000;
    let issued: Array<{ status: string }> = [];
    while (Date.now() < deadline && issued.length === 0) {
      issued = await t.dataSource.query(`SELECT status FROM orders.invoices WHERE order_id = $1`, [placed.id]);
      await sleep(100);
    }
    expect(issued).toEqual([{ status: 'ISSUED' }]);
    await sleep(Math.max(0, 2_000 - (Date.now() - downAt))); // room for a few failed attempts
    const [image] = await t.dataSource.query(`SELECT status FROM catalog.product_images WHERE id = $1`, [body.id]);
    expect(image.status).toBe('PROCESSING');
    await t.http().get(`/api/v1/orders/${placed.id}/invoice`).set(bearer(token)).expect(409);
    expect(await processed('catalog.verify-image')).toBe(0);
    expect(await processed('orders.render-invoice')).toBe(0);
    // At least one failed attempt each; on a loaded machine the invoice job may be issued late in the
    // 2 s window above, so its first retry is waited for rather than assumed.
    const retriedBy = Date.now() + 15_000;
    while (Date.now() < retriedBy && ((await retries('catalog.verify-image')) < 1 || (await retries('orders.render-invoice')) < 1)) {
      await sleep(100);
    }
    expect(await retries('catalog.verify-image')).toBeGreaterThanOrEqual(1);
    expect(await retries('orders.render-invoice')).toBeGreaterThanOrEqual(1);
    expect(await processed('orders.render-invoice')).toBe(0);

    // Storage comes back: the retries (backoff, and the breaker's half-open trial) finish both jobs.
    await s3.start();
    await waitForImageStatus(t, body.id, ['READY'], 60_000);
    const recoveredBy = Date.now() + 60_000;
    let invoice = await t.http().get(`/api/v1/orders/${placed.id}/invoice`).set(bearer(token));
    while (invoice.status === 409 && Date.now() < recoveredBy) {
      await sleep(250);
      invoice = await t.http().get(`/api/v1/orders/${placed.id}/invoice`).set(bearer(token));
    }
    expect(invoice.status).toBe(302);
    expect(await processed('catalog.verify-image')).toBe(1);
    expect(await processed('orders.render-invoice')).toBe(1);
    const pdf = await fetch(invoice.headers.location);
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 4)
        .toString(),
    ).toBe('%PDF');
    await t.waitForQuiet();
    const { images } = (await t.http().get(`/api/v1/products/${product.id}`).expect(200)).body;
    expect(images).toEqual([expect.objectContaining({ id: body.id, width: 600, height: 300 })]);
    expect((await t.http().get(images[0].url).expect(200)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
  }, 150_000);
});
