import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { TestApp } from '../../support/test-app';

export const ADMIN = { email: 'catalog-admin@example.com', password: 'catalog admin password 123' };
export const ADMIN_ENV = { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password };

export async function adminToken(t: TestApp): Promise<string> {
  const res = await t.http().post('/api/v1/auth/login').send(ADMIN).expect(200);
  return res.body.accessToken as string;
}

export const uniqueSku = (prefix = 'SKU') => `${prefix}-${randomUUID().slice(0, 8)}`;

export interface ProductBody {
  sku?: string;
  name?: string;
  description?: string | null;
  price?: unknown;
  stock?: unknown;
  [key: string]: unknown;
}

export const productBody = (overrides: ProductBody = {}): ProductBody => ({
  sku: uniqueSku(),
  name: 'Black T-shirt',
  description: 'Organic cotton',
  price: { amount: 1999, currency: 'USD' },
  stock: 10,
  ...overrides,
});

/** Creates a product through the API as the admin; returns the response body. */
export async function createProduct(t: TestApp, token: string, overrides: ProductBody = {}) {
  const res = await t.http().post('/api/v1/products').set('authorization', `Bearer ${token}`).send(productBody(overrides)).expect(201);
  return res.body as { id: string; sku: string; name: string; price: { amount: number; currency: string }; stock: number };
}

/** Runs SQL against the test app's own database. */
export async function sql<T = Record<string, unknown>>(t: TestApp, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: t.db.url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}
