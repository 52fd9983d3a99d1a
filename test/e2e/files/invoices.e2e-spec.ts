import { setTimeout as sleep } from 'node:timers/promises';
import { TestObjectStorage } from '../../support/object-storage';
import { bearer, createProduct, customer, placeOrder } from '../orders/orders-fixtures';
import { isSettled, type PaymentsTestApp, startPaymentsApp, waitForOrder } from '../payments/payments-fixtures';
import { notificationRows } from '../notifications/notifications-support';
import { pdfText } from './pdf-text';

/** Invoices of paid orders end to end: issued with a gap-free number, rendered by a job, downloaded through a presigned URL. */
describe('Invoices', () => {
  let s3: TestObjectStorage;
  let t: PaymentsTestApp;

  beforeAll(async () => {
    s3 = await TestObjectStorage.start();
    t = await startPaymentsApp({
      env: { ...s3.env, INVOICE_SELLER_NAME: 'Keel Test Shop GmbH', PUBLIC_BASE_URL: 'https://shop.example.com' },
    });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await s3?.close();
  });

  const paidOrder = async (price = 2500, quantity = 2) => {
    const product = await createProduct(t, { stock: 10, price: { amount: price, currency: 'USD' } });
    const token = await customer(t);
    const placed = await placeOrder(t, token, {
      items: [{ productId: product.id, quantity }],
      payment: { provider: 'stripe', method: 'pm_card_visa' },
    });
    const order = await waitForOrder(t, token, placed.id, isSettled);
    expect(order.status).toBe('PAID');
    return { token, orderId: placed.id as string, product };
  };

  const invoiceOf = (orderId: string, token: string) => t.http().get(`/api/v1/orders/${orderId}/invoice`).set(bearer(token));

  async function waitForInvoice(orderId: string, token: string) {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const res = await invoiceOf(orderId, token);
      if (res.status !== 409 || Date.now() > deadline) return res;
      await sleep(100);
    }
  }

  it('When an order is paid with pm_card_visa, then its invoice redirects to a PDF with the total; another customer gets 404', async () => {
    const { token, orderId } = await paidOrder(2500, 2);
    const res = await waitForInvoice(orderId, token);
    expect(res.status).toBe(302);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const location = new URL(res.headers.location);
    expect(location.origin).toBe(s3.endpoint);
    expect(Number(location.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(300);

    const pdf = await fetch(location);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const year = new Date().getUTCFullYear();
    expect(pdf.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="invoice-${year}-\\d{6}\\.pdf"$`));
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 4).toString()).toBe('%PDF');
    const text = pdfText(bytes);
    expect(text).toContain('Total: USD 50.00');
    expect(text).toContain('USD 25.00');
    expect(text).toContain('Keel Test Shop GmbH');
    expect(text).toContain(`Order ${orderId}`);

    // The "order paid" email links to the invoice with an absolute URL (PUBLIC_BASE_URL).
    await t.waitForQuiet();
    const emails = await notificationRows(t, orderId);
    const paidEmail = emails.find((e) => e.type === 'order.paid');
    const invoiceUrl = `https://shop.example.com/api/v1/orders/${orderId}/invoice`;
    expect(paidEmail?.body_text).toContain(invoiceUrl);
    expect(paidEmail?.body_html).toContain(`href="${invoiceUrl}"`);

    await invoiceOf(orderId, await customer(t)).expect(404);
    // Admins see every order's invoice.
    expect((await invoiceOf(orderId, t.adminToken)).status).toBe(302);
  });

  it('When an order is not paid yet, then 409 invoice-not-ready as problem+json', async () => {
    const product = await createProduct(t, { stock: 10, price: { amount: 100, currency: 'USD' } });
    const token = await customer(t);
    const placed = await placeOrder(t, token, {
      items: [{ productId: product.id, quantity: 1 }],
      payment: { provider: 'stripe', method: 'pm_card_chargeDeclined' },
    });
    expect((await waitForOrder(t, token, placed.id, isSettled)).status).toBe('PAYMENT_FAILED');
    const res = await invoiceOf(placed.id, token).expect(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.type).toMatch(/invoice-not-ready$/);
  });

  it('When several orders are paid, then their invoice numbers of the year are consecutive with no gap', async () => {
    await Promise.all([paidOrder(100, 1), paidOrder(200, 1), paidOrder(300, 1)]);
    await t.waitForQuiet();
    const rows: Array<{ year: number; sequence: number; status: string }> = await t.dataSource.query(
      `SELECT year, sequence, status FROM orders.invoices ORDER BY year, sequence`,
    );
    const year = new Date().getUTCFullYear();
    expect(rows.map((r) => r.sequence)).toEqual(rows.map((_, i) => i + 1));
    expect(rows.every((r) => r.year === year && r.status === 'READY')).toBe(true);
    const [counter] = await t.dataSource.query(`SELECT last_number FROM orders.invoice_sequences WHERE year = $1`, [year]);
    expect(counter.last_number).toBe(rows.length);
  });
});
