import { randomUUID } from 'node:crypto';
import { bearer, createProduct, customer, newKey, outboxEvents, type OrdersTestApp, startOrdersApp, validBody } from './orders-fixtures';

describe('POST /orders', () => {
  let t: OrdersTestApp;
  beforeAll(async () => {
    t = await startOrdersApp();
  });
  afterAll(() => t.close());

  const post = (token: string | null, body: unknown, key: string | null = newKey()) => {
    const req = t.http().post('/api/v1/orders');
    if (token) req.set(bearer(token));
    if (key !== null) req.set('Idempotency-Key', key);
    return req.send(body as object);
  };
  const countOrders = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM orders.orders`))[0].n as number;

  it('When a customer orders existing products, then 201 returns a PENDING order priced from the catalog', async () => {
    const token = await customer(t);
    const mug = await createProduct(t, { price: { amount: 1250, currency: 'USD' }, name: 'Mug' });
    const tee = await createProduct(t, { price: { amount: 2000, currency: 'USD' }, name: 'Tee' });
    const res = await post(token, {
      items: [
        { productId: mug.id, quantity: 2 },
        { productId: tee.id, quantity: 1 },
      ],
      payment: { provider: 'razorpay', method: 'success@razorpay' },
    }).expect(201);

    const iso = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'PENDING',
      statusReason: null,
      items: [
        {
          productId: mug.id,
          sku: mug.sku,
          name: 'Mug',
          unitPrice: { amount: 1250, currency: 'USD' },
          quantity: 2,
          lineTotal: { amount: 2500, currency: 'USD' },
        },
        {
          productId: tee.id,
          sku: tee.sku,
          name: 'Tee',
          unitPrice: { amount: 2000, currency: 'USD' },
          quantity: 1,
          lineTotal: { amount: 2000, currency: 'USD' },
        },
      ],
      total: { amount: 4500, currency: 'USD' },
      payment: { provider: 'razorpay', method: 'success@razorpay' },
      history: [{ status: 'PENDING', at: iso, reason: null }],
      createdAt: iso,
      updatedAt: iso,
    });
    const stored = await t.http().get(`/api/v1/orders/${res.body.id}`).set(bearer(token)).expect(200);
    expect(stored.body).toEqual(res.body);
  });

  it('When an order is placed, then OrderPlaced is in the outbox in the same transaction', async () => {
    const token = await customer(t);
    const product = await createProduct(t, { price: { amount: 300, currency: 'EUR' } });
    const order = (await post(token, validBody([product], 3)).expect(201)).body;
    const me = await t.http().get('/api/v1/users/me').set(bearer(token)).expect(200);
    expect(await outboxEvents(t, order.id)).toEqual([
      {
        eventName: 'orders.order-placed',
        payload: {
          orderId: order.id,
          userId: me.body.id,
          items: [{ productId: product.id, quantity: 3 }],
          total: { amount: 900, currency: 'EUR' },
        },
      },
    ]);
  });

  it('When 50 items of quantity 100 are ordered, then the limits are inclusive', async () => {
    const token = await customer(t);
    const products = await Promise.all(Array.from({ length: 50 }, () => createProduct(t, { price: { amount: 1, currency: 'USD' } })));
    const res = await post(token, validBody(products, 100)).expect(201);
    expect(res.body.items).toHaveLength(50);
    expect(res.body.total).toEqual({ amount: 5000, currency: 'USD' });
  });

  describe('Idempotency-Key', () => {
    it.each([
      ['missing', null],
      ['empty', ''],
      ['256 characters', 'k'.repeat(256)],
    ])('When the header is %s, then 400 names Idempotency-Key and nothing is created', async (_label, key) => {
      const token = await customer(t);
      const product = await createProduct(t);
      const before = await countOrders();
      const res = await post(token, validBody([product]), key).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, errors: [{ field: 'Idempotency-Key', message: expect.any(String) }] });
      expect(await countOrders()).toBe(before);
    });

    it('When the header is exactly 255 characters, then the order is accepted', async () => {
      const token = await customer(t);
      await post(token, validBody([await createProduct(t)]), 'k'.repeat(255)).expect(201);
    });

    it('When the same key and body are sent again, then the original 201 is replayed and nothing new is created', async () => {
      const token = await customer(t);
      const body = validBody([await createProduct(t)], 2);
      const key = newKey();
      const first = await post(token, body, key).expect(201);
      const before = await countOrders();
      const again = await post(token, body, key).expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(await countOrders()).toBe(before);
      expect((await outboxEvents(t, first.body.id)).filter((e) => e.eventName === 'orders.order-placed')).toHaveLength(1);
    });

    it('When the same key comes with a different body, then 422 and nothing is created', async () => {
      const token = await customer(t);
      const product = await createProduct(t);
      const key = newKey();
      await post(token, validBody([product], 1), key).expect(201);
      const before = await countOrders();
      const res = await post(token, validBody([product], 2), key).expect(422);
      expect(res.body.type).toContain('idempotency-key-reused');
      expect(await countOrders()).toBe(before);
    });

    it('When two customers happen to use the same key, then each gets their own order', async () => {
      const body = validBody([await createProduct(t)]);
      const key = newKey();
      const a = await post(await customer(t), body, key).expect(201);
      const b = await post(await customer(t), body, key).expect(201);
      expect(b.headers['idempotent-replayed']).toBeUndefined();
      expect(b.body.id).not.toBe(a.body.id);
    });

    it('When an attempt failed (unknown product), then the same key can be used again once the body is fixed', async () => {
      const token = await customer(t);
      const key = newKey();
      await post(token, validBody([{ id: randomUUID() }]), key).expect(404);
      const res = await post(token, validBody([await createProduct(t)]), key).expect(201);
      expect(res.headers['idempotent-replayed']).toBeUndefined();
    });

    describe('while the first request with a key is still in its transaction', () => {
      // Holds orders.orders in SHARE mode (as a non-concurrent index build would): a request
      // claims its key, then waits at its order INSERT, in flight inside its transaction.
      const holdOrderInserts = async () => {
        const holder = t.dataSource.createQueryRunner();
        await holder.connect();
        await holder.startTransaction();
        await holder.query(`LOCK TABLE orders.orders IN SHARE MODE`);
        return {
          waiting: async () => {
            const [{ n }] = await t.dataSource.query(
              `SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = 'orders.orders'::regclass`,
            );
            return n as number;
          },
          release: async () => {
            await holder.commitTransaction();
            await holder.release();
          },
        };
      };
      const until = async (check: () => Promise<boolean>) => {
        for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 25));
      };

      it('When a duplicate outwaits the lock timeout, then it is a 409 idempotency-key-in-flight with Retry-After, and the first still gets its 201', async () => {
        const token = await customer(t);
        const body = validBody([await createProduct(t)]);
        const key = newKey();
        const before = await countOrders();
        const lock = await holdOrderInserts();
        try {
          const first = post(token, body, key).then((r) => r);
          await until(async () => (await lock.waiting()) === 1);
          const started = Date.now();
          const duplicate = await post(token, body, key).expect(409);
          expect(Date.now() - started).toBeGreaterThanOrEqual(900); // it waited for the first (lock timeout 1 s)
          expect(duplicate.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(duplicate.headers['retry-after']).toBe('1');
          expect(duplicate.body.type).toContain('idempotency-key-in-flight');
          await lock.release();
          const created = await first;
          expect(created.status).toBe(201);
          const replay = await post(token, body, key).expect(201);
          expect(replay.headers['idempotent-replayed']).toBe('true');
          expect(replay.body.id).toBe(created.body.id);
          expect(await countOrders()).toBe(before + 1);
        } finally {
          await lock.release().catch(() => undefined);
        }
      });

      it('When the first commits while a duplicate waits, then the duplicate gets the replay of its 201', async () => {
        const token = await customer(t);
        const body = validBody([await createProduct(t)]);
        const key = newKey();
        const before = await countOrders();
        const lock = await holdOrderInserts();
        try {
          const first = post(token, body, key).then((r) => r);
          await until(async () => (await lock.waiting()) === 1);
          const duplicate = post(token, body, key).then((r) => r);
          // The duplicate now waits on the first's uncommitted key row (not on the table).
          await until(async () => {
            const [{ n }] = await t.dataSource.query(
              `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%idempotency_keys%'`,
            );
            return n === 1;
          });
          await lock.release();
          const [a, b] = await Promise.all([first, duplicate]);
          expect([a.status, b.status]).toEqual([201, 201]);
          expect(a.headers['idempotent-replayed']).toBeUndefined();
          expect(b.headers['idempotent-replayed']).toBe('true');
          expect(b.body).toEqual(a.body);
          expect(await countOrders()).toBe(before + 1);
        } finally {
          await lock.release().catch(() => undefined);
        }
      });

      it('When the first request’s transaction aborts after claiming the key, then a retry with the key places the order at once', async () => {
        const token = await customer(t);
        const product = await createProduct(t);
        const key = newKey();
        const lock = await holdOrderInserts();
        try {
          const first = post(token, validBody([product]), key).then((r) => r);
          await until(async () => (await lock.waiting()) === 1);
          // Kill the first request's backend: its transaction aborts, and with it the claim.
          const [{ pid }] = await t.dataSource.query(
            `SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%orders.orders%' AND pid <> pg_backend_pid()`,
          );
          await t.dataSource.query(`SELECT pg_cancel_backend($1)`, [pid]);
          expect((await first).status).toBeGreaterThanOrEqual(500);
          await lock.release();
          const retry = await post(token, validBody([product]), key).expect(201);
          expect(retry.headers['idempotent-replayed']).toBeUndefined();
        } finally {
          await lock.release().catch(() => undefined);
        }
      });
    });

    it('When the API document is read, then a 409 for a key in flight is documented with Retry-After', async () => {
      const doc = await t.http().get('/docs-json').expect(200);
      const conflict = doc.body.paths['/api/v1/orders'].post.responses['409'];
      expect(conflict.description).toContain('Idempotency-Key');
      expect(Object.keys(conflict.headers)).toContain('Retry-After');
      expect(Object.keys(conflict.content)).toEqual(['application/problem+json']);
    });

    it('When the API document is read, then POST /orders declares the required Idempotency-Key header', async () => {
      const doc = await t.http().get('/docs-json').expect(200);
      const params = doc.body.paths['/api/v1/orders'].post.parameters as Array<{
        name: string;
        in: string;
        required: boolean;
        schema: object;
      }>;
      expect(params).toContainEqual(
        expect.objectContaining({
          name: 'Idempotency-Key',
          in: 'header',
          required: true,
          schema: expect.objectContaining({ maxLength: 255 }),
        }),
      );
    });
  });

  describe('invalid bodies', () => {
    let token: string;
    let product: { id: string };
    beforeAll(async () => {
      token = await customer(t);
      product = await createProduct(t);
    });
    const line = (quantity: unknown = 1, productId: unknown = product.id) => ({ productId, quantity });
    const pay = { provider: 'stripe', method: 'pm_card_visa' };

    const cases: Array<{ label: string; body: () => object; field: string }> = [
      { label: 'no items', body: () => ({ payment: pay }), field: 'items' },
      { label: 'an empty item list', body: () => ({ items: [], payment: pay }), field: 'items' },
      { label: '51 items', body: () => ({ items: Array.from({ length: 51 }, () => line(1, randomUUID())), payment: pay }), field: 'items' },
      { label: 'items that is not an array', body: () => ({ items: 'x', payment: pay }), field: 'items' },
      { label: 'quantity 0', body: () => ({ items: [line(0)], payment: pay }), field: 'items[0].quantity' },
      { label: 'quantity 101', body: () => ({ items: [line(101)], payment: pay }), field: 'items[0].quantity' },
      { label: 'a fractional quantity', body: () => ({ items: [line(1.5)], payment: pay }), field: 'items[0].quantity' },
      { label: 'a quantity as a string', body: () => ({ items: [line('2')], payment: pay }), field: 'items[0].quantity' },
      { label: 'a productId that is not a UUID', body: () => ({ items: [line(1, 'abc')], payment: pay }), field: 'items[0].productId' },
      { label: 'the same product twice', body: () => ({ items: [line(1), line(2)], payment: pay }), field: 'items' },
      {
        label: 'the same product twice in another letter case',
        body: () => ({ items: [line(1), line(2, product.id.toUpperCase())], payment: pay }),
        field: 'items',
      },
      { label: 'no payment', body: () => ({ items: [line()] }), field: 'payment' },
      {
        label: 'an unknown provider',
        body: () => ({ items: [line()], payment: { provider: 'paypal', method: 'x' } }),
        field: 'payment.provider',
      },
      {
        label: 'an empty payment method',
        body: () => ({ items: [line()], payment: { provider: 'stripe', method: '' } }),
        field: 'payment.method',
      },
      {
        label: 'a 101-character payment method',
        body: () => ({ items: [line()], payment: { provider: 'stripe', method: 'm'.repeat(101) } }),
        field: 'payment.method',
      },
      { label: 'an unknown top-level field', body: () => ({ items: [line()], payment: pay, total: 1 }), field: 'total' },
      { label: 'an unknown item field', body: () => ({ items: [{ ...line(), price: 1 }], payment: pay }), field: 'items[0].price' },
      { label: 'an unknown payment field', body: () => ({ items: [line()], payment: { ...pay, card: '4242' } }), field: 'payment.card' },
    ];

    it.each(cases)('When the body has $label, then 400 names $field and nothing is created', async ({ body, field }) => {
      const before = await countOrders();
      const res = await post(token, body()).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await countOrders()).toBe(before);
    });

    it('When the body is not JSON, then 400 problem', async () => {
      const res = await t
        .http()
        .post('/api/v1/orders')
        .set(bearer(token))
        .set('Idempotency-Key', newKey())
        .set('content-type', 'application/json')
        .send('{"items": [')
        .expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400 });
    });
  });

  it('When a product does not exist, then 404 names the unknown ids and nothing is created', async () => {
    const token = await customer(t);
    const known = await createProduct(t);
    const ghostA = randomUUID();
    const ghostB = randomUUID();
    const before = await countOrders();
    const res = await post(token, {
      items: [
        { productId: known.id, quantity: 1 },
        { productId: ghostA, quantity: 1 },
        { productId: ghostB, quantity: 2 },
      ],
      payment: { provider: 'stripe', method: 'pm_card_visa' },
    }).expect(404);
    expect(res.body).toMatchObject({ status: 404, type: expect.stringContaining('product-not-found') });
    expect(res.body.detail).toContain(ghostA);
    expect(res.body.detail).toContain(ghostB);
    expect(res.body.detail).not.toContain(known.id);
    expect(await countOrders()).toBe(before);
  });

  it('When products are priced in different currencies, then 422 mixed-currencies', async () => {
    const token = await customer(t);
    const usd = await createProduct(t, { price: { amount: 100, currency: 'USD' } });
    const eur = await createProduct(t, { price: { amount: 100, currency: 'EUR' } });
    const res = await post(token, validBody([usd, eur])).expect(422);
    expect(res.body).toMatchObject({ status: 422, type: expect.stringContaining('mixed-currencies') });
  });

  it('When there is no access token, then 401 (before any validation)', async () => {
    await post(null, {}, null).expect(401);
  });

  it('When an admin places an order, then it is theirs like any customer’s', async () => {
    const res = await post(t.adminToken, validBody([await createProduct(t)])).expect(201);
    expect(res.body.status).toBe('PENDING');
  });
});
