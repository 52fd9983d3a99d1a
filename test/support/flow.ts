import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';

/**
 * Marks an address verified directly in the database, for tests that drive
 * separate processes and only need a customer able to order (the verification
 * flow itself is tested end to end in test/e2e/identity/account-emails-smtp.e2e-spec.ts).
 */
export async function markEmailVerified(databaseUrl: string, email: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query(`UPDATE identity.users SET email_verified_at = now() WHERE email = $1`, [email.toLowerCase()]);
    if (result.rowCount !== 1) throw new Error(`No user ${email} to verify`);
  } finally {
    await client.end();
  }
}

/**
 * A tiny HTTP client for flow tests that drive separate processes (fetch, not
 * supertest): admin/customer sessions, products, orders, and waiting for
 * orders to reach a terminal state.
 */
export class KeelClient {
  /** `databaseUrl`: where customer() marks new customers verified (registration needs an emailed link otherwise). */
  constructor(
    readonly base: string,
    private readonly databaseUrl?: string,
  ) {}

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test client: bodies are asserted field by field
  async call<T = any>(method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async login(email: string, password: string): Promise<string> {
    const res = await this.call('POST', '/api/v1/auth/login', { body: { email, password } });
    if (res.status !== 200) throw new Error(`login ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken;
  }

  async customer(): Promise<string> {
    const email = `flow-${randomUUID().slice(0, 8)}@example.com`;
    const password = 'flow test password';
    const reg = await this.call('POST', '/api/v1/auth/register', { body: { email, password, name: 'Flow' } });
    if (reg.status !== 202) throw new Error(`register ${reg.status}`);
    if (!this.databaseUrl) throw new Error('KeelClient needs the database URL to create customers able to order');
    await markEmailVerified(this.databaseUrl, email);
    return this.login(email, password);
  }

  async product(adminToken: string, stock: number, amount = 1000): Promise<string> {
    const res = await this.call('POST', '/api/v1/products', {
      token: adminToken,
      body: { sku: `SKU-${randomUUID().slice(0, 8)}`, name: 'Flow product', price: { amount, currency: 'USD' }, stock },
    });
    if (res.status !== 201) throw new Error(`product ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  async placeOrder(token: string, productId: string, quantity = 1, key = randomUUID()) {
    return this.call('POST', '/api/v1/orders', {
      token,
      headers: { 'idempotency-key': key },
      body: { items: [{ productId, quantity }], payment: { provider: 'stripe', method: 'pm_card_visa' } },
    });
  }

  async allOrders(adminToken: string): Promise<Array<{ id: string; status: string; history: Array<{ status: string }> }>> {
    const all: Array<{ id: string; status: string; history: Array<{ status: string }> }> = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const res = await this.call('GET', `/api/v1/orders?limit=100${q}`, { token: adminToken });
      if (res.status !== 200) throw new Error(`orders ${res.status} ${JSON.stringify(res.body)}`);
      all.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return all;
  }

  async waitForOrders(adminToken: string, ids: string[], done: (status: string) => boolean, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const orders = (await this.allOrders(adminToken)).filter((o) => ids.includes(o.id));
      if (orders.length === ids.length && orders.every((o) => done(o.status))) return orders;
      if (Date.now() > deadline) throw new Error(`orders not done: ${JSON.stringify(orders.map((o) => o.status))}`);
      await sleep(100);
    }
  }
}
