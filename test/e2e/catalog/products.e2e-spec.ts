import { startTestApp, TestApp } from '../../support/test-app';
import { signUp } from '../../support/users';
import { ADMIN_ENV, adminToken, createProduct, productBody, type ProductBody, sql, uniqueSku } from './catalog-fixtures';

describe('Catalog products over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let customer: string;

  beforeAll(async () => {
    t = await startTestApp(ADMIN_ENV);
    admin = await adminToken(t);
    customer = (await signUp(t)).accessToken;
  });
  afterAll(async () => {
    delete process.env.ADMIN_EMAIL;
    delete process.env.ADMIN_PASSWORD;
    await t.close();
  });

  const asAdmin = (req: ReturnType<ReturnType<TestApp['http']>['post']>) => req.set('authorization', `Bearer ${admin}`);
  const post = (body: unknown) => asAdmin(t.http().post('/api/v1/products')).send(body as object);
  const fieldsOf = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((e) => e.field);

  describe('POST /products', () => {
    it('When an admin creates a product, then 201 returns it with its stock, a Location, and the product and stock exist', async () => {
      const body = productBody({ sku: uniqueSku('TEE'), stock: 7 });
      const res = await post(body).expect(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        sku: body.sku,
        name: 'Black T-shirt',
        description: 'Organic cotton',
        price: { amount: 1999, currency: 'USD' },
        stock: 7,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
        updatedAt: res.body.createdAt,
        images: [],
      });
      expect(res.headers.location).toBe(`/api/v1/products/${res.body.id}`);
      const [stock] = await sql(t, 'SELECT available, reserved FROM inventory.stock_items WHERE product_id = $1', [res.body.id]);
      expect(stock).toEqual({ available: 7, reserved: 0 });
      const movements = await sql(t, 'SELECT delta, reason FROM inventory.stock_movements WHERE product_id = $1', [res.body.id]);
      expect(movements).toEqual([{ delta: 7, reason: 'initial stock' }]);
    });

    it('When a product is created, then ProductCreated is in the outbox in the same transaction', async () => {
      const product = await createProduct(t, admin);
      const events = await sql(t, 'SELECT event_name, payload FROM platform.outbox WHERE aggregate_id = $1', [product.id]);
      expect(events).toEqual([
        {
          event_name: 'catalog.product-created',
          payload: { sku: product.sku, name: 'Black T-shirt', description: 'Organic cotton', price: { amount: 1999, currency: 'USD' } },
        },
      ]);
    });

    it('When description is omitted, then it is null', async () => {
      const res = await post({ ...productBody(), description: undefined }).expect(201);
      expect(res.body.description).toBeNull();
    });

    it('When the SKU is taken (in any letter case), then 409 duplicate-sku and nothing else is created', async () => {
      const sku = uniqueSku('dup');
      await post(productBody({ sku })).expect(201);
      const res = await post(productBody({ sku: sku.toUpperCase() })).expect(409);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 409, type: expect.stringContaining('duplicate-sku') });
      const [{ count }] = await sql<{ count: string }>(t, 'SELECT count(*) FROM catalog.products WHERE lower(sku) = lower($1)', [sku]);
      expect(count).toBe('1');
    });

    it('When the same SKU is created 5 times concurrently, then one 201, four 409, and exactly one product with one stock item', async () => {
      const sku = uniqueSku('race');
      const results = await Promise.all([1, 2, 3, 4, 5].map(() => post(productBody({ sku }))));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
      const rows = await sql(
        t,
        'SELECT s.available FROM catalog.products p JOIN inventory.stock_items s ON s.product_id = p.id WHERE p.sku = $1',
        [sku],
      );
      expect(rows).toHaveLength(1);
      const [{ orphans }] = await sql<{ orphans: string }>(
        t,
        'SELECT count(*) AS orphans FROM inventory.stock_items s LEFT JOIN catalog.products p ON p.id = s.product_id WHERE p.id IS NULL',
      );
      expect(orphans).toBe('0');
    });

    it('When there is no token, then 401; a customer gets 403', async () => {
      await t.http().post('/api/v1/products').send(productBody()).expect(401);
      const res = await t.http().post('/api/v1/products').set('authorization', `Bearer ${customer}`).send(productBody()).expect(403);
      expect(res.body).toMatchObject({ status: 403, title: 'Forbidden' });
    });

    it.each([
      ['an unknown field', { isAdmin: true }, 'isAdmin'],
      ['an unknown field inside price', { price: { amount: 1, currency: 'USD', tax: 1 } }, 'price.tax'],
      ['a negative price', { price: { amount: -1, currency: 'USD' } }, 'price.amount'],
      ['a fractional price', { price: { amount: 19.99, currency: 'USD' } }, 'price.amount'],
      ['a price as a string', { price: { amount: '1999', currency: 'USD' } }, 'price.amount'],
      ['an unknown currency', { price: { amount: 100, currency: 'XXX' } }, 'price.currency'],
      ['a price without currency', { price: { amount: 100 } }, 'price.currency'],
      ['a price that is a number', { price: 1999 }, 'price'],
      ['a missing price', { price: undefined }, 'price'],
      ['a negative stock', { stock: -1 }, 'stock'],
      ['a fractional stock', { stock: 1.5 }, 'stock'],
      ['a stock above 1,000,000', { stock: 1_000_001 }, 'stock'],
      ['a missing stock', { stock: undefined }, 'stock'],
      ['a 65-character SKU', { sku: 'S'.repeat(65) }, 'sku'],
      ['an empty SKU', { sku: '' }, 'sku'],
      ['a SKU with spaces', { sku: 'TEE BLK' }, 'sku'],
      ['a SKU with a wildcard', { sku: 'TEE%' }, 'sku'],
      ['a 201-character name', { name: 'n'.repeat(201) }, 'name'],
      ['an empty name', { name: '' }, 'name'],
      ['a 2001-character description', { description: 'd'.repeat(2001) }, 'description'],
      ['a numeric name', { name: 42 }, 'name'],
    ])('When the body has %s, then 400 names the field', async (_what, overrides, field) => {
      const res = await post(productBody(overrides as ProductBody)).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(fieldsOf(res.body)).toContain(field);
    });

    it('When the name is only spaces, then 400 (the domain trims it)', async () => {
      const res = await post(productBody({ name: '    ' })).expect(400);
      expect(fieldsOf(res.body)).toContain('name');
    });

    it('When the body is a 2 MB string, then 413 problem, not a crash', async () => {
      const res = await post(productBody({ description: 'x'.repeat(2 * 1024 * 1024) }));
      expect(res.status).toBe(413);
      expect(res.body.status).toBe(413);
    });
  });

  describe('GET /products/:id', () => {
    it('When anyone asks for a product, then 200 with available stock, without a token', async () => {
      const product = await createProduct(t, admin, { stock: 3 });
      const res = await t.http().get(`/api/v1/products/${product.id}`).expect(200);
      expect(res.body).toMatchObject({ id: product.id, sku: product.sku, stock: 3, price: { amount: 1999, currency: 'USD' } });
      expect(Object.keys(res.body).sort()).toEqual([
        'createdAt',
        'description',
        'id',
        'images',
        'name',
        'price',
        'sku',
        'stock',
        'updatedAt',
      ]);
    });

    it('When the id is not a UUID, then 400 names the field id', async () => {
      const res = await t.http().get('/api/v1/products/not-a-uuid').expect(400);
      expect(res.body.errors).toEqual([{ field: 'id', message: expect.any(String) }]);
    });

    it('When the product does not exist, then 404', async () => {
      const res = await t.http().get('/api/v1/products/6f1c1b7e-2f7a-4c55-9a77-6f5d3a1e0c11').expect(404);
      expect(res.body).toMatchObject({ status: 404, type: expect.stringContaining('product-not-found') });
    });
  });

  describe('PATCH /products/:id', () => {
    const patch = (id: string, body: unknown, token = admin) =>
      t
        .http()
        .patch(`/api/v1/products/${id}`)
        .set('authorization', `Bearer ${token}`)
        .send(body as object);

    it('When an admin changes name and price, then 200 returns the new product, updatedAt moves, and ProductUpdated is recorded', async () => {
      const product = await createProduct(t, admin, { stock: 4 });
      const res = await patch(product.id, { name: 'Blue T-shirt', price: { amount: 2499, currency: 'EUR' } }).expect(200);
      expect(res.body).toMatchObject({ id: product.id, name: 'Blue T-shirt', price: { amount: 2499, currency: 'EUR' }, stock: 4 });
      expect(new Date(res.body.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(res.body.createdAt).getTime());
      const events = await sql<{ payload: { changed: string[] } }>(
        t,
        `SELECT payload FROM platform.outbox WHERE aggregate_id = $1 AND event_name = 'catalog.product-updated'`,
        [product.id],
      );
      expect(events.map((e) => e.payload.changed)).toEqual([['name', 'price']]);
    });

    it('When description is null, then it is cleared', async () => {
      const product = await createProduct(t, admin);
      const res = await patch(product.id, { description: null }).expect(200);
      expect(res.body.description).toBeNull();
    });

    it('When nothing really changes, then 200 and no event', async () => {
      const product = await createProduct(t, admin);
      await patch(product.id, { name: 'Black T-shirt' }).expect(200);
      const events = await sql(t, `SELECT 1 FROM platform.outbox WHERE aggregate_id = $1 AND event_name = 'catalog.product-updated'`, [
        product.id,
      ]);
      expect(events).toHaveLength(0);
    });

    it('When the body changes nothing at all ({}), then 400', async () => {
      const product = await createProduct(t, admin);
      const res = await patch(product.id, {}).expect(400);
      expect(res.body.detail).toBeDefined();
      expect(fieldsOf(res.body)).toEqual(['body']);
    });

    it.each([
      [{ name: null }, 'name'],
      [{ name: '' }, 'name'],
      [{ price: { amount: 1, currency: 'usd' } }, 'price.currency'],
      [{ price: null }, 'price'],
      [{ sku: 'NEW-SKU' }, 'sku'],
      [{ stock: 5 }, 'stock'],
      [{ description: 'd'.repeat(2001) }, 'description'],
    ])('When the body is %j, then 400 names %s', async (body, field) => {
      const product = await createProduct(t, admin);
      const res = await patch(product.id, body).expect(400);
      expect(fieldsOf(res.body)).toContain(field);
    });

    it('When the product does not exist, then 404; a malformed id is 400', async () => {
      await patch('6f1c1b7e-2f7a-4c55-9a77-6f5d3a1e0c11', { name: 'x' }).expect(404);
      const res = await patch('123', { name: 'x' }).expect(400);
      expect(fieldsOf(res.body)).toContain('id');
    });

    it('When there is no token, then 401; a customer gets 403', async () => {
      const product = await createProduct(t, admin);
      await t.http().patch(`/api/v1/products/${product.id}`).send({ name: 'x' }).expect(401);
      await patch(product.id, { name: 'x' }, customer).expect(403);
    });

    it('When 10 admins rename one product concurrently, then every request succeeds and the product ends with one of the names', async () => {
      const product = await createProduct(t, admin);
      const names = Array.from({ length: 10 }, (_, i) => `Name ${i}`);
      const results = await Promise.all(names.map((name) => patch(product.id, { name })));
      expect(results.map((r) => r.status)).toEqual(names.map(() => 200));
      const final = await t.http().get(`/api/v1/products/${product.id}`).expect(200);
      expect(names).toContain(final.body.name);
      const [{ version }] = await sql<{ version: number }>(t, 'SELECT version FROM catalog.products WHERE id = $1', [product.id]);
      expect(version).toBeGreaterThanOrEqual(2);
    });
  });

  describe('POST /products/:id/stock-adjustments', () => {
    const adjust = (id: string, body: unknown, token = admin) =>
      t
        .http()
        .post(`/api/v1/products/${id}/stock-adjustments`)
        .set('authorization', `Bearer ${token}`)
        .send(body as object);

    it('When stock is added and removed, then 200 returns the product with the new stock, and each change is in the history', async () => {
      const product = await createProduct(t, admin, { stock: 5 });
      expect((await adjust(product.id, { delta: 10, reason: 'Delivery' }).expect(200)).body).toMatchObject({ id: product.id, stock: 15 });
      expect((await adjust(product.id, { delta: -15, reason: 'Stock count' }).expect(200)).body.stock).toBe(0);
      const movements = await sql(t, 'SELECT delta, reason FROM inventory.stock_movements WHERE product_id = $1 ORDER BY id', [product.id]);
      expect(movements).toEqual([
        { delta: 5, reason: 'initial stock' },
        { delta: 10, reason: 'Delivery' },
        { delta: -15, reason: 'Stock count' },
      ]);
    });

    it('When the stock would go negative, then 409 insufficient-stock and the stock is unchanged', async () => {
      const product = await createProduct(t, admin, { stock: 2 });
      const res = await adjust(product.id, { delta: -3, reason: 'Broken' }).expect(409);
      expect(res.body).toMatchObject({
        status: 409,
        type: expect.stringContaining('insufficient-stock'),
        detail: expect.stringContaining('available 2'),
      });
      expect((await t.http().get(`/api/v1/products/${product.id}`).expect(200)).body.stock).toBe(2);
    });

    it('When 20 admins remove 1 unit each concurrently from a stock of 10, then exactly 10 succeed, 10 get 409, and stock ends at 0', async () => {
      const product = await createProduct(t, admin, { stock: 10 });
      const results = await Promise.all(Array.from({ length: 20 }, () => adjust(product.id, { delta: -1, reason: 'Concurrent sale' })));
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(10);
      expect(statuses.filter((s) => s === 409)).toHaveLength(10);
      const [row] = await sql(t, 'SELECT available, reserved FROM inventory.stock_items WHERE product_id = $1', [product.id]);
      expect(row).toEqual({ available: 0, reserved: 0 });
      const [{ sum }] = await sql<{ sum: string }>(t, 'SELECT sum(delta) FROM inventory.stock_movements WHERE product_id = $1', [
        product.id,
      ]);
      expect(sum).toBe('0');
    });

    it('When 20 concurrent adjustments of −3 hit a stock of 10, then stock never goes negative (3 succeed, 1 unit left)', async () => {
      const product = await createProduct(t, admin, { stock: 10 });
      const results = await Promise.all(Array.from({ length: 20 }, () => adjust(product.id, { delta: -3, reason: 'Bulk' })));
      expect(results.filter((r) => r.status === 200)).toHaveLength(3);
      expect((await t.http().get(`/api/v1/products/${product.id}`).expect(200)).body.stock).toBe(1);
    });

    it('When the product does not exist, then 404', async () => {
      const res = await adjust('6f1c1b7e-2f7a-4c55-9a77-6f5d3a1e0c11', { delta: 1, reason: 'x' }).expect(404);
      expect(res.body.type).toContain('product-not-found');
    });

    it.each([
      [{ delta: 0, reason: 'x' }, 'delta'],
      [{ delta: 1.5, reason: 'x' }, 'delta'],
      [{ delta: '1', reason: 'x' }, 'delta'],
      [{ delta: 1_000_001, reason: 'x' }, 'delta'],
      [{ delta: -1_000_001, reason: 'x' }, 'delta'],
      [{ reason: 'x' }, 'delta'],
      [{ delta: 1 }, 'reason'],
      [{ delta: 1, reason: '' }, 'reason'],
      [{ delta: 1, reason: 'r'.repeat(201) }, 'reason'],
      [{ delta: 1, reason: 'x', extra: true }, 'extra'],
    ])('When the body is %j, then 400 names %s', async (body, field) => {
      const product = await createProduct(t, admin);
      const res = await adjust(product.id, body).expect(400);
      expect(fieldsOf(res.body)).toContain(field);
    });

    it('When there is no token, then 401; a customer gets 403', async () => {
      const product = await createProduct(t, admin);
      await t.http().post(`/api/v1/products/${product.id}/stock-adjustments`).send({ delta: 1, reason: 'x' }).expect(401);
      await adjust(product.id, { delta: 1, reason: 'x' }, customer).expect(403);
    });
  });
});
