import { startTestApp, TestApp } from '../../support/test-app';
import { ADMIN_ENV, adminToken, createProduct } from './catalog-fixtures';

interface Item {
  id: string;
  sku: string;
  name: string;
  stock: number;
  createdAt: string;
}

describe('Listing and searching products', () => {
  let t: TestApp;
  let admin: string;
  const created: Item[] = [];

  beforeAll(async () => {
    t = await startTestApp(ADMIN_ENV);
    admin = await adminToken(t);
    const names = ['Red Mug', 'Blue Mug', 'Green Tea', '100% Cotton Tee', 'Under_score Socks', 'Back\\slash Hat', 'Plain Cap'];
    for (const [i, name] of names.entries()) {
      created.push((await createProduct(t, admin, { name, sku: `LIST-${i}-${name.length}`, stock: i })) as unknown as Item);
    }
  });
  afterAll(async () => {
    delete process.env.ADMIN_EMAIL;
    delete process.env.ADMIN_PASSWORD;
    await t.close();
  });

  async function walk(query: Record<string, string | number>): Promise<Item[][]> {
    const pages: Item[][] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: Item[]; nextCursor: string | null } } = await t
        .http()
        .get('/api/v1/products')
        .query(cursor ? { ...query, cursor } : query)
        .expect(200);
      expect(Object.keys(res.body).sort()).toEqual(['items', 'nextCursor']);
      pages.push(res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return pages;
  }

  it('When products are listed page by page, then every product appears exactly once, newest first, with its stock', async () => {
    const pages = await walk({ limit: 2 });
    expect(pages.map((p) => p.length)).toEqual([2, 2, 2, 1]);
    const items = pages.flat();
    expect(items.map((i) => i.id)).toEqual([...created].reverse().map((c) => c.id));
    expect(items.map((i) => i.stock)).toEqual([...created].reverse().map((c) => c.stock));
  });

  it('When no limit is given, then up to 20 come back and nextCursor is null at the end', async () => {
    const res = await t.http().get('/api/v1/products').expect(200);
    expect(res.body.items).toHaveLength(created.length);
    expect(res.body.nextCursor).toBeNull();
  });

  it('When a product is created between pages, then the walk still returns every older product exactly once', async () => {
    const first = await t.http().get('/api/v1/products').query({ limit: 3 }).expect(200);
    const newcomer = await createProduct(t, admin, { name: 'Newcomer' });
    const seen: string[] = first.body.items.map((i: Item) => i.id);
    let cursor: string | null = first.body.nextCursor;
    while (cursor) {
      const res = await t.http().get('/api/v1/products').query({ limit: 3, cursor }).expect(200);
      seen.push(...res.body.items.map((i: Item) => i.id));
      cursor = res.body.nextCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).not.toContain(newcomer.id);
    expect(seen.sort()).toEqual(created.map((c) => c.id).sort());
  });

  it('When q is given, then only products whose name or SKU contain it, case-insensitively, come back', async () => {
    const mugs = (await walk({ q: 'mUg', limit: 1 })).flat();
    expect(mugs.map((i) => i.name).sort()).toEqual(['Blue Mug', 'Red Mug']);
    const bySku = (await walk({ q: 'list-2-' })).flat();
    expect(bySku.map((i) => i.name)).toEqual(['Green Tea']);
  });

  it('When q contains LIKE wildcards, then they match literally', async () => {
    expect((await walk({ q: '%' })).flat().map((i) => i.name)).toEqual(['100% Cotton Tee']);
    expect((await walk({ q: '_' })).flat().map((i) => i.name)).toEqual(['Under_score Socks']);
    expect((await walk({ q: '\\' })).flat().map((i) => i.name)).toEqual(['Back\\slash Hat']);
    expect((await walk({ q: 'Mug%' })).flat()).toEqual([]);
  });

  it('When q matches nothing, then an empty page', async () => {
    const res = await t.http().get('/api/v1/products').query({ q: 'no such thing' }).expect(200);
    expect(res.body).toEqual({ items: [], nextCursor: null });
  });

  it('When a product is renamed or its stock changes, then the next list shows it (no stale cached page)', async () => {
    await t.http().get('/api/v1/products').query({ q: 'Plain' }).expect(200);
    const cap = created[6];
    await t.http().patch(`/api/v1/products/${cap.id}`).set('authorization', `Bearer ${admin}`).send({ name: 'Plain Cap v2' }).expect(200);
    await t
      .http()
      .post(`/api/v1/products/${cap.id}/stock-adjustments`)
      .set('authorization', `Bearer ${admin}`)
      .send({ delta: 5, reason: 'Delivery' })
      .expect(200);
    const res = await t.http().get('/api/v1/products').query({ q: 'Plain' }).expect(200);
    expect(res.body.items).toEqual([expect.objectContaining({ id: cap.id, name: 'Plain Cap v2', stock: cap.stock + 5 })]);
  });

  it.each([
    [{ q: 'x'.repeat(101) }, 'q'],
    [{ limit: 0 }, 'limit'],
    [{ limit: 101 }, 'limit'],
    [{ limit: 'ten' }, 'limit'],
    [{ cursor: 'not-a-real-cursor' }, 'cursor'],
    [{ cursor: 'a b' }, 'cursor'],
    [{ sort: 'price' }, 'sort'],
  ])('When the query is %j, then 400 names %s', async (query, field) => {
    const res = await t
      .http()
      .get('/api/v1/products')
      .query(query as Record<string, string>)
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});
