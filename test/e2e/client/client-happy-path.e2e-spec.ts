import { KeelApiError, KeelClient, type Tokens } from '@keel/client';
import { randomUUID } from 'node:crypto';
import { ADMIN, type OrdersTestApp, startOrdersApp } from '../orders/orders-fixtures';
import { baseUrlOf, clientFor, signedInCustomer } from '../../support/keel-client';
import { PASSWORD, uniqueEmail, verificationTokenFor } from '../../support/users';

/**
 * The generated client (@keel/client) against the real API: the consumer's journey,
 * its auth (bearer, refresh-token rotation), idempotency and retry rules, and typed
 * problem+json errors.
 */
describe('@keel/client against the API', () => {
  let t: OrdersTestApp;
  let admin: KeelClient;
  let productId: string;
  const sku = `CLIENT-${randomUUID().slice(0, 8).toUpperCase()}`;
  const orderBody = (quantity = 1) => ({
    items: [{ productId, quantity }],
    payment: { provider: 'stripe' as const, method: 'pm_card_visa' },
  });

  beforeAll(async () => {
    t = await startOrdersApp();
    admin = clientFor(t);
    await admin.login(ADMIN);
    const created = await admin.api.POST('/api/v1/products', {
      body: { sku, name: 'Client test mug', price: { amount: 1250, currency: 'EUR' }, stock: 20 },
    });
    expect(created.response.status).toBe(201);
    productId = created.data!.id;
  });
  afterAll(() => t.close());

  it('When a consumer registers, logs in, lists products, places an order and reads it, then every step answers what the document says', async () => {
    const client = clientFor(t);
    const email = uniqueEmail('client');
    expect(await client.register({ email, password: PASSWORD, name: 'Ada Client' })).toEqual({ status: 'verification-sent' });

    const pair = await client.login({ email, password: PASSWORD });
    expect(pair.tokenType).toBe('Bearer');
    expect(client.session?.accessToken).toBe(pair.accessToken);
    const user = await client.getCurrentUser();
    expect(user).toMatchObject({ email, name: 'Ada Client', roles: ['customer'], emailVerified: false });
    await expect(client.placeOrder(orderBody(1))).rejects.toMatchObject({
      status: 403,
      problem: { type: 'https://keel.dev/problems/email-not-verified' },
    });
    await client.verifyEmail(await verificationTokenFor(t, user.id));
    expect((await client.getCurrentUser()).emailVerified).toBe(true);

    const page = await client.listProducts({ q: sku, limit: 10 });
    expect(page.items.map((p) => p.sku)).toEqual([sku]);
    expect(page.items[0].price).toEqual({ amount: 1250, currency: 'EUR' });

    const order = await client.placeOrder(orderBody(2));
    expect(order).toMatchObject({ status: 'PENDING', total: { amount: 2500, currency: 'EUR' } });
    expect(await client.getOrder(order.id)).toEqual(order);
    expect((await client.listOrders()).items.map((o) => o.id)).toEqual([order.id]);
  });

  it('When placeOrder is given the same Idempotency-Key twice, then the second call replays the first order', async () => {
    const { client } = await signedInCustomer(t);
    const key = randomUUID();
    const first = await client.placeOrder(orderBody(), { idempotencyKey: key });
    const replay = await client.api.POST('/api/v1/orders', { body: orderBody(), params: { header: { 'Idempotency-Key': key } } });
    expect(replay.response.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.data?.id).toBe(first.id);
    // Without a key given, each call gets its own: two orders.
    const [a, b] = [await client.placeOrder(orderBody()), await client.placeOrder(orderBody())];
    expect(a.id).not.toBe(b.id);
  });

  it('When the access token is no longer accepted, then the client rotates the refresh token once for concurrent calls and retries them', async () => {
    const { client, email } = await signedInCustomer(t);
    const stale = client.session!;
    const seen: Array<Tokens | undefined> = [];
    let refreshCalls = 0;
    const counting = (request: Request) => {
      if (new URL(request.url).pathname === '/api/v1/auth/refresh') refreshCalls++;
      return fetch(request);
    };
    // A token the API refuses (its signature altered), as it refuses an expired one, with a valid refresh token.
    const broken = `${stale.accessToken.slice(0, -4)}${stale.accessToken.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    const resumed = new KeelClient({
      baseUrl: baseUrlOf(t),
      tokens: { accessToken: broken, refreshToken: stale.refreshToken },
      onTokens: (tokens) => seen.push(tokens),
      fetch: counting,
    });
    const users = await Promise.all([resumed.getCurrentUser(), resumed.getCurrentUser(), resumed.listOrders()]);
    expect(users[0].email).toBe(email);
    expect(refreshCalls).toBe(1);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.refreshToken).not.toBe(stale.refreshToken);
    expect(resumed.session).toEqual(seen[0]);

    // A session the server has ended cannot be resumed: the 401 surfaces and the tokens are dropped.
    await resumed.logout();
    const ended = new KeelClient({ baseUrl: baseUrlOf(t), tokens: { accessToken: broken, refreshToken: seen[0]!.refreshToken } });
    await expect(ended.getCurrentUser()).rejects.toMatchObject({ status: 401 });
    expect(ended.session).toBeUndefined();
  });

  it('When the API answers an error, then the client throws a KeelApiError with the typed problem+json body', async () => {
    const { client } = await signedInCustomer(t);
    const missing = await client.getOrder(randomUUID()).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(KeelApiError);
    const notFound = missing as KeelApiError;
    expect(notFound.status).toBe(404);
    expect(notFound.problem).toMatchObject({ status: 404, type: expect.stringMatching(/not-found$/), requestId: expect.any(String) });

    const invalid = (await clientFor(t)
      .register({ email: 'not-an-email', password: PASSWORD, name: 'X' })
      .catch((error: unknown) => error)) as KeelApiError;
    expect(invalid.status).toBe(400);
    expect(invalid.problem?.errors?.map((e) => e.field)).toContain('email');
  });

  it('When a call meets a transient 503, then idempotent calls (GET, placeOrder with its key) are retried and a POST without a key is not', async () => {
    const { client } = await signedInCustomer(t);
    const attempts = new Map<string, number>();
    // Every first attempt of a request is answered 503 without reaching the API.
    const flaky = (request: Request) => {
      const id = `${request.method} ${new URL(request.url).pathname} ${request.headers.get('idempotency-key') ?? ''}`;
      const n = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, n);
      if (n === 1) return Promise.resolve(new Response(null, { status: 503, headers: { 'retry-after': '0' } }));
      return fetch(request);
    };
    const retrying = new KeelClient({ baseUrl: baseUrlOf(t), tokens: client.session, fetch: flaky, retry: { baseDelayMs: 10 } });

    expect((await retrying.listProducts({ q: sku })).items).toHaveLength(1);
    const order = await retrying.placeOrder(orderBody());
    expect(order.status).toBe('PENDING');
    expect((await client.listOrders()).items.map((o) => o.id)).toEqual([order.id]); // exactly one order

    await expect(retrying.cancelOrder(order.id)).rejects.toMatchObject({ status: 503 });
    expect(attempts.get(`POST /api/v1/orders/${order.id}/cancel `)).toBe(1);
    expect((await client.getOrder(order.id)).status).toBe('PENDING');
  });
});
