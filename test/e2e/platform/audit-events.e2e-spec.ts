import { CommandBus } from '@nestjs/cqrs';
import { IssueAccountLinkCommand } from '@keel/identity/contracts';
import { signUp } from '../../support/users';
import { ADMIN, bearer, customer, type OrdersTestApp, startOrdersApp } from '../orders/orders-fixtures';

const EVENTS = '/api/v1/admin/audit-events';
const PROBLEM = /^application\/problem\+json/;

interface AuditEvent {
  id: string;
  occurredAt: string;
  actor: { id: string | null; role: string };
  action: string;
  target: { type: string; id: string };
  before: unknown;
  after: unknown;
  requestId: string | null;
  clientAddress: string | null;
}

/**
 * The audit trail as data (issue 16 point 4): every audited change appears in
 * GET /admin/audit-events with its actor, before/after, request id and client
 * address; a change that fails leaves no row; filters and the cursor work.
 */
describe('Audit trail (platform.audit_events)', () => {
  let t: OrdersTestApp;
  let adminId: string;
  let productId: string;

  beforeAll(async () => {
    t = await startOrdersApp();
    adminId = (await t.http().get('/api/v1/users/me').set(bearer(t.adminToken)).expect(200)).body.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const list = async (query: Record<string, string | number> = {}) =>
    (await t.http().get(EVENTS).query(query).set(bearer(t.adminToken)).expect(200)).body as {
      items: AuditEvent[];
      nextCursor: string | null;
    };

  it('When the admin bootstrap granted the role and the admin logged in, then both are in the trail', async () => {
    const { items } = await list({ targetType: 'user', targetId: adminId });
    expect(items.map((e) => e.action)).toEqual(['admin.logged-in', 'user.role-granted']);
    expect(items[0]).toMatchObject({ actor: { id: adminId, role: 'admin' }, target: { type: 'user', id: adminId } });
    expect(items[0].clientAddress).toMatch(/127\.0\.0\.1/);
    expect(items[1]).toMatchObject({
      actor: { id: null, role: 'system' },
      before: { roles: ['customer'] },
      after: { roles: ['customer', 'admin'] },
    });
  });

  it('When an admin creates a product, changes its name, its price and its stock, then each change is audited with actor, before/after and request id', async () => {
    const sku = `AUD-${Date.now().toString(36).toUpperCase()}`;
    const created = await t
      .http()
      .post('/api/v1/products')
      .set(bearer(t.adminToken))
      .set('x-request-id', 'audit-create-1')
      .send({ sku, name: 'Audited mug', price: { amount: 1200, currency: 'USD' }, stock: 5 })
      .expect(201);
    productId = created.body.id;
    await t.http().patch(`/api/v1/products/${productId}`).set(bearer(t.adminToken)).send({ name: 'Audited cup' }).expect(200);
    await t
      .http()
      .patch(`/api/v1/products/${productId}`)
      .set(bearer(t.adminToken))
      .send({ price: { amount: 1500, currency: 'USD' } })
      .expect(200);
    await t
      .http()
      .post(`/api/v1/products/${productId}/stock-adjustments`)
      .set(bearer(t.adminToken))
      .send({ delta: -2, reason: 'breakage' })
      .expect(200);

    const { items } = await list({ targetType: 'product', targetId: productId });
    const actor = { id: adminId, role: 'admin' };
    expect(items.map(({ action, actor: a, before, after }) => ({ action, actor: a, before, after }))).toEqual([
      { action: 'stock.adjusted', actor, before: { available: 5 }, after: { available: 3, delta: -2, reason: 'breakage' } },
      {
        action: 'product.price-changed',
        actor,
        before: { price: { amount: 1200, currency: 'USD' } },
        after: { price: { amount: 1500, currency: 'USD' } },
      },
      { action: 'product.updated', actor, before: { name: 'Audited mug' }, after: { name: 'Audited cup' } },
      {
        action: 'product.created',
        actor,
        before: null,
        after: { sku, name: 'Audited mug', description: null, price: { amount: 1200, currency: 'USD' }, stock: 5 },
      },
    ]);
    expect(items[3].requestId).toBe('audit-create-1');
    expect(items[3].occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('When a change is refused (stock below zero), then no audit row is written with it', async () => {
    const before = (await list({ targetType: 'product', targetId: productId })).items.length;
    await t
      .http()
      .post(`/api/v1/products/${productId}/stock-adjustments`)
      .set(bearer(t.adminToken))
      .send({ delta: -100, reason: 'oops' })
      .expect(409);
    expect((await list({ targetType: 'product', targetId: productId })).items).toHaveLength(before);
  });

  it('When an admin changes a feature flag, then the change is audited with the flag key as target', async () => {
    await t.http().put('/api/v1/admin/feature-flags/payments.stripe.enabled').set(bearer(t.adminToken)).send({ value: false }).expect(200);
    await t.http().put('/api/v1/admin/feature-flags/payments.stripe.enabled').set(bearer(t.adminToken)).send({ value: true }).expect(200);
    const { items } = await list({ targetType: 'feature-flag', targetId: 'payments.stripe.enabled' });
    expect(items.map(({ action, actor, before, after }) => ({ action, actor, before, after }))).toEqual([
      { action: 'feature-flag.changed', actor: { id: adminId, role: 'admin' }, before: { value: false }, after: { value: true } },
      { action: 'feature-flag.changed', actor: { id: adminId, role: 'admin' }, before: { value: true }, after: { value: false } },
    ]);
  });

  it('When a customer resets a forgotten password, then the reset is audited with the owner as actor and no secret in it', async () => {
    const user = await signUp(t);
    const link = await t.app.get(CommandBus).execute(new IssueAccountLinkCommand(user.id, 'reset-password'));
    const newPassword = 'a new passphrase after forgetting';
    await t
      .http()
      .post('/api/v1/auth/password-reset/confirm')
      .set('x-request-id', 'audit-reset-1')
      .send({ token: new URL(link!.url).searchParams.get('token'), newPassword })
      .expect(204);
    const { items } = await list({ targetType: 'user', targetId: user.id });
    expect(items).toEqual([
      expect.objectContaining({
        action: 'user.password-reset',
        actor: { id: user.id, role: 'customer' },
        target: { type: 'user', id: user.id },
        after: { emailVerified: true },
        requestId: 'audit-reset-1',
      }),
    ]);
    expect(JSON.stringify(items)).not.toContain(newPassword);
  });

  it('When filtering by actor and time, then only matching rows; pages follow the cursor without overlap', async () => {
    const all = await list({ actorId: adminId, limit: 100 });
    expect(all.items.length).toBeGreaterThanOrEqual(7);
    expect(all.items.every((e) => e.actor.id === adminId)).toBe(true);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof list>> = await list({ actorId: adminId, limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((e) => e.id));

    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await list({ from: future })).items).toEqual([]);
    const past = new Date(Date.now() - 3_600_000).toISOString();
    expect((await list({ to: past })).items).toEqual([]);
    expect((await list({ from: past, to: future, actorId: adminId, limit: 100 })).items).toHaveLength(all.items.length);
  });

  it('When a customer or nobody asks, then 403 / 401 problem+json', async () => {
    const token = await customer(t);
    const denied = await t.http().get(EVENTS).set(bearer(token)).expect(403);
    expect(denied.headers['content-type']).toMatch(PROBLEM);
    await t.http().get(EVENTS).expect(401);
  });

  it.each([
    ['a malformed actor id', { actorId: 'nope' }, 'actorId'],
    ['a forged cursor', { cursor: 'abc' }, 'cursor'],
    ['a malformed instant', { from: 'yesterday' }, 'from'],
    ['an empty range', { from: '2026-12-02T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' }, 'to'],
    ['a target type with capitals', { targetType: 'Product' }, 'targetType'],
  ])('When the query has %s, then 400 naming the field', async (_name, query, field) => {
    const res = await t.http().get(EVENTS).query(query).set(bearer(t.adminToken)).expect(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('When the login is a customer’s, then no admin.logged-in row is written', async () => {
    const before = (await list({ limit: 100 })).items.filter((e) => e.action === 'admin.logged-in').length;
    await customer(t);
    await t.http().post('/api/v1/auth/login').send(ADMIN).expect(200);
    const after = (await list({ limit: 100 })).items.filter((e) => e.action === 'admin.logged-in').length;
    expect(after).toBe(before + 1); // the admin's second login only
  });
});
