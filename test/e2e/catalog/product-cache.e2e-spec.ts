import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { validateEnvironment } from '@keel/kernel';
import { CacheStore, cacheKeyPrefixFor } from '@keel/persistence/cache';
import Redis from 'ioredis';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { createApiApp } from '../../../apps/api/src/create-api-app';
import { waitFor } from '../../support/processes';
import { startTestApp, TestApp } from '../../support/test-app';
import { ADMIN_ENV, adminToken, createProduct } from './catalog-fixtures';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

type Http = () => ReturnType<typeof request>;

const price = (amount: number) => ({ amount, currency: 'USD' });

const adjustStock = (http: Http, admin: string, id: string, delta: number) =>
  http()
    .post(`/api/v1/products/${id}/stock-adjustments`)
    .set('authorization', `Bearer ${admin}`)
    .send({ delta, reason: 'representation test' })
    .expect(200);

describe.each([
  ['in-process only (no REDIS_URL)', {} as Record<string, string>],
  ['LRU in front of Redis', { REDIS_URL }],
])('Product details cache, %s', (_label, env) => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({ ...ADMIN_ENV, ...env });
    admin = await adminToken(t);
  });
  afterAll(async () => {
    for (const key of ['ADMIN_EMAIL', 'ADMIN_PASSWORD', 'REDIS_URL']) delete process.env[key];
    await t.close();
  });

  const patchPrice = (id: string, amount: number, http: Http = () => t.http()) =>
    http()
      .patch(`/api/v1/products/${id}`)
      .set('authorization', `Bearer ${admin}`)
      .send({ price: price(amount) })
      .expect(200);

  it('When a product is read twice, then the second read is served from the cache', async () => {
    const product = await createProduct(t, admin);
    const cache = t.app.get(CacheStore);
    await t.http().get(`/api/v1/products/${product.id}`).expect(200);
    const before = cache.stats();
    await t.http().get(`/api/v1/products/${product.id}`).expect(200);
    const after = cache.stats();
    expect(after.localHits + after.remoteHits).toBeGreaterThan(before.localHits + before.remoteHits);
    expect(cache.distributed).toBe(env.REDIS_URL !== undefined);
  });

  it('When the price is changed, then the very next read (and every later one) shows the new price', async () => {
    const product = await createProduct(t, admin);
    for (let amount = 100; amount < 110; amount++) {
      await t.http().get(`/api/v1/products/${product.id}`).expect(200); // warm the cache with the old price
      await patchPrice(product.id, amount);
      const res = await t.http().get(`/api/v1/products/${product.id}`).expect(200);
      expect(res.body.price).toEqual(price(amount));
    }
  });

  it('When reads race with price changes, then after each change returns no read ever shows an older price', async () => {
    const product = await createProduct(t, admin);
    for (let amount = 200; amount < 215; amount++) {
      const readers = Array.from({ length: 5 }, () => t.http().get(`/api/v1/products/${product.id}`));
      await Promise.all([patchPrice(product.id, amount), ...readers]);
      const after = await Promise.all(Array.from({ length: 3 }, () => t.http().get(`/api/v1/products/${product.id}`).expect(200)));
      expect(after.map((r) => r.body.price.amount)).toEqual([amount, amount, amount]);
    }
  });

  it('When a product is read, then it carries a strong ETag; If-None-Match with it gets 304 and no body', async () => {
    const product = await createProduct(t, admin);
    const first = await t.http().get(`/api/v1/products/${product.id}`).expect(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(first.headers['content-type']).toMatch(/^application\/json/);

    const again = await t.http().get(`/api/v1/products/${product.id}`).set('if-none-match', etag).expect(304);
    expect(again.text ?? '').toBe('');
    expect(again.headers.etag).toBe(etag);
    await t.http().get(`/api/v1/products/${product.id}`).set('if-none-match', `"other", W/${etag}`).expect(304);
    await t.http().get(`/api/v1/products/${product.id}`).set('if-none-match', '*').expect(304);
    const other = await t.http().get(`/api/v1/products/${product.id}`).set('if-none-match', '"something-else"').expect(200);
    expect(other.headers.etag).toBe(etag);
    expect(other.body.id).toBe(product.id);
  });

  it('When the stock or the price changes, then the old ETag no longer matches and the new body comes back', async () => {
    const product = await createProduct(t, admin, { stock: 5 });
    const etag0 = (await t.http().get(`/api/v1/products/${product.id}`).expect(200)).headers.etag as string;
    await t
      .http()
      .post(`/api/v1/products/${product.id}/stock-adjustments`)
      .set('authorization', `Bearer ${admin}`)
      .send({ delta: -1, reason: 'Sold in store' })
      .expect(200);
    const afterStock = await t.http().get(`/api/v1/products/${product.id}`).set('if-none-match', etag0).expect(200);
    expect(afterStock.body.stock).toBe(4);
    const etag1 = afterStock.headers.etag as string;
    expect(etag1).not.toBe(etag0);
    await patchPrice(product.id, 4242);
    const afterPrice = await t.http().get(`/api/v1/products/${product.id}`).set('if-none-match', etag1).expect(200);
    expect(afterPrice.body.price).toEqual(price(4242));
    expect(afterPrice.headers.etag).not.toBe(etag1);
  });

  it('When a product is read, then the body is its JSON in the public field order and the ETag is the SHA-256 of exactly those bytes', async () => {
    const product = await createProduct(t, admin);
    for (let i = 0; i < 3; i++) {
      // The first read builds the representation, the later ones are served from it: all alike.
      const res = await t.http().get(`/api/v1/products/${product.id}`).expect(200);
      expect(Object.keys(res.body)).toEqual(['id', 'sku', 'name', 'description', 'price', 'stock', 'createdAt', 'updatedAt', 'images']);
      expect(res.text).toBe(JSON.stringify(res.body));
      expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.text)));
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers.etag).toBe(`"${createHash('sha256').update(res.text).digest('base64url')}"`);
    }
  });

  it('When the stock changes and comes back, then every read follows it, and the earlier level brings back the earlier bytes and ETag', async () => {
    const product = await createProduct(t, admin, { stock: 5 });
    await t.http().get(`/api/v1/products/${product.id}`).expect(200);
    const atFive = await t.http().get(`/api/v1/products/${product.id}`).expect(200);

    await adjustStock(() => t.http(), admin, product.id, -2);
    const atThree = await t.http().get(`/api/v1/products/${product.id}`).set('if-none-match', atFive.headers.etag).expect(200);
    expect(atThree.body.stock).toBe(3);
    expect(atThree.headers.etag).not.toBe(atFive.headers.etag);
    await t.http().get(`/api/v1/products/${product.id}`).set('if-none-match', atThree.headers.etag).expect(304);

    await adjustStock(() => t.http(), admin, product.id, 2);
    const againAtFive = await t.http().get(`/api/v1/products/${product.id}`).set('if-none-match', atThree.headers.etag).expect(200);
    expect(againAtFive.text).toBe(atFive.text);
    expect(againAtFive.headers.etag).toBe(atFive.headers.etag);
  });

  it('When the product id is spelt in capitals, then a change is visible to that spelling at once too', async () => {
    const product = await createProduct(t, admin, { price: price(300) });
    const upper = product.id.toUpperCase();
    expect((await t.http().get(`/api/v1/products/${upper}`).expect(200)).body.price).toEqual(price(300));
    await patchPrice(product.id, 301);
    const res = await t.http().get(`/api/v1/products/${upper}`).expect(200);
    expect(res.body.price).toEqual(price(301));
    expect(res.body.id).toBe(product.id);
  });

  it('When the product does not exist, then 404 and no ETag', async () => {
    const res = await t.http().get('/api/v1/products/0d9c3f1e-9b7e-4a55-8f77-6f5d3a1e0c11').expect(404);
    expect(res.headers.etag).toBeUndefined();
  });
});

describe('Two API instances sharing one database and one Redis', () => {
  let a: TestApp;
  let b: NestFastifyApplication;
  let admin: string;
  let redis: Redis;
  const httpA: Http = () => a.http();
  const httpB: Http = () => request(b.getHttpServer());

  beforeAll(async () => {
    a = await startTestApp({ ...ADMIN_ENV, REDIS_URL });
    // startTestApp left DATABASE_URL and REDIS_URL in process.env: the second instance joins the same database and Redis.
    b = await createApiApp(validateEnvironment(process.env));
    await b.listen({ port: 0, host: '127.0.0.1' });
    admin = await adminToken(a);
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    for (const key of ['ADMIN_EMAIL', 'ADMIN_PASSWORD', 'REDIS_URL']) delete process.env[key];
    await redis.quit();
    await b.close();
    await a.close();
  });

  const getPrice = async (http: Http, id: string) => (await http().get(`/api/v1/products/${id}`).expect(200)).body.price.amount as number;
  const patchPrice = (http: Http, id: string, amount: number) =>
    http()
      .patch(`/api/v1/products/${id}`)
      .set('authorization', `Bearer ${admin}`)
      .send({ price: price(amount) })
      .expect(200);

  it('When one instance changes a price, then the other instance stops serving its cached copy', async () => {
    const product = await createProduct(a, admin, { price: price(1000) });
    // Warm both local levels.
    for (const http of [httpA, httpB, httpA, httpB]) expect(await getPrice(http, product.id)).toBe(1000);
    const hitsB = b.get(CacheStore).stats().localHits;
    expect(await getPrice(httpB, product.id)).toBe(1000);
    expect(b.get(CacheStore).stats().localHits).toBeGreaterThan(hitsB);

    await patchPrice(httpA, product.id, 2000);
    expect(await getPrice(httpA, product.id)).toBe(2000);
    // The invalidation reaches B over pub/sub within milliseconds.
    await waitFor(async () => (await getPrice(httpB, product.id)) === 2000, 'instance B to see the new price', 2000);

    await patchPrice(httpB, product.id, 3000);
    expect(await getPrice(httpB, product.id)).toBe(3000);
    await waitFor(async () => (await getPrice(httpA, product.id)) === 3000, 'instance A to see the new price', 2000);
  });

  it('When the stock or the price changes on one instance, then the other serves the new bytes and ETag, the same as the first', async () => {
    const product = await createProduct(a, admin, { price: price(500), stock: 8 });
    const read = (http: Http, etag?: string) => {
      const req = http().get(`/api/v1/products/${product.id}`);
      return etag === undefined ? req : req.set('if-none-match', etag);
    };
    // Warm both instances: each builds its representation once, then serves it.
    for (const http of [httpA, httpB, httpA, httpB]) await read(http).expect(200);
    const [onA, onB] = [await read(httpA).expect(200), await read(httpB).expect(200)];
    expect(onB.text).toBe(onA.text);
    expect(onB.headers.etag).toBe(onA.headers.etag);

    await adjustStock(httpA, admin, product.id, -1);
    await waitFor(async () => (await read(httpB, onA.headers.etag)).status === 200, 'instance B to see the stock change', 2000);
    const [stockA, stockB] = [await read(httpA).expect(200), await read(httpB).expect(200)];
    expect(stockB.body.stock).toBe(7);
    expect(stockB.text).toBe(stockA.text);
    expect(stockB.headers.etag).toBe(stockA.headers.etag);
    expect(stockB.headers.etag).not.toBe(onA.headers.etag);

    await patchPrice(httpB, product.id, 600);
    await waitFor(async () => (await read(httpA, stockB.headers.etag)).status === 200, 'instance A to see the new price', 2000);
    const [priceA, priceB] = [await read(httpA).expect(200), await read(httpB).expect(200)];
    expect(priceA.body).toMatchObject({ price: price(600), stock: 7 });
    expect(priceA.text).toBe(priceB.text);
    expect(priceA.headers.etag).toBe(priceB.headers.etag);
    expect(priceA.headers.etag).not.toBe(stockB.headers.etag);
  });

  it('When a price changes, then the shared Redis copy is gone at once (no instance can refill it with the old price)', async () => {
    const product = await createProduct(a, admin, { price: price(10) });
    await getPrice(httpA, product.id);
    const prefix = cacheKeyPrefixFor(process.env.DATABASE_URL ?? '');
    const keys = await redis.keys(`${prefix}v:catalog:product:*${product.id}`);
    expect(keys).toHaveLength(1);
    await patchPrice(httpB, product.id, 20);
    expect(await redis.exists(keys[0])).toBe(0);
    // Whichever instance answers next, it is the new price.
    expect(await getPrice(httpA, product.id)).toBe(20);
    expect(JSON.parse((await redis.get(keys[0])) ?? '{}').price.amount).toBe(20);
  });

  it('When a product is created on one instance, then the other lists it', async () => {
    await httpB().get('/api/v1/products').expect(200); // cache B's first page
    const product = await createProduct(a, admin);
    await waitFor(
      async () => (await httpB().get('/api/v1/products').expect(200)).body.items.some((i: { id: string }) => i.id === product.id),
      'instance B to list the new product',
      2000,
    );
  });
});

describe('Product details cache when Redis is unreachable', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({ ...ADMIN_ENV, REDIS_URL: 'redis://127.0.0.1:1' });
    admin = await adminToken(t);
  });
  afterAll(async () => {
    for (const key of ['ADMIN_EMAIL', 'ADMIN_PASSWORD', 'REDIS_URL']) delete process.env[key];
    await t.close();
  });

  it('When Redis is down, then products are still served from the database and never stale', async () => {
    const product = await createProduct(t, admin, { price: price(1) });
    expect((await t.http().get(`/api/v1/products/${product.id}`).expect(200)).body.price.amount).toBe(1);
    await t
      .http()
      .patch(`/api/v1/products/${product.id}`)
      .set('authorization', `Bearer ${admin}`)
      .send({ price: price(2) })
      .expect(200);
    expect((await t.http().get(`/api/v1/products/${product.id}`).expect(200)).body.price.amount).toBe(2);
    expect(t.app.get(CacheStore).stats().errors).toBeGreaterThan(0);
  });
});
