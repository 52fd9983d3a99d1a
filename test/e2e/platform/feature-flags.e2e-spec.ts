import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { validateEnvironment } from '@keel/kernel';
import { FEATURE_FLAGS_REFRESH_INTERVAL_MS, FeatureFlags } from '@keel/runtime';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { createApiApp } from '../../../apps/api/src/create-api-app';
import { runMigrations } from '../../../ormconfig';
import { bearer, customer, type OrdersTestApp, startOrdersApp } from '../orders/orders-fixtures';

const FLAGS = '/api/v1/admin/feature-flags';
const PROBLEM = /^application\/problem\+json/;

/** Polls `read` until it returns `expected`; fails after `timeoutMs`. */
async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    if ((await read()) === expected) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`still not ${String(expected)} after ${timeoutMs} ms`);
    await sleep(25);
  }
}

describe('Admin feature flags', () => {
  let t: OrdersTestApp;
  let adminId: string;
  let second: NestFastifyApplication;

  beforeAll(async () => {
    t = await startOrdersApp();
    adminId = (await t.http().get('/api/v1/users/me').set(bearer(t.adminToken)).expect(200)).body.id;
    // A second API instance on the same database, as behind a load balancer.
    second = await createApiApp(validateEnvironment({ ...process.env, DATABASE_URL: t.db.url }));
    await second.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  const put = (key: string, body: unknown, token: string | null = t.adminToken) => {
    const req = t.http().put(`${FLAGS}/${key}`);
    if (token) req.set(bearer(token));
    return req.send(body as object);
  };
  const storedValue = async (key: string) =>
    (await t.dataSource.query(`SELECT value FROM platform.feature_flags WHERE key = $1`, [key]))[0]?.value as unknown;

  it('When an admin lists the flags, then the seeded payment provider switches are there, on, with a description', async () => {
    const res = await t.http().get(FLAGS).set(bearer(t.adminToken)).expect(200);
    const iso = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(res.body.items).toEqual([
      { key: 'payments.razorpay.enabled', value: true, description: expect.stringContaining('Razorpay'), updatedAt: iso, updatedBy: null },
      { key: 'payments.stripe.enabled', value: true, description: expect.stringContaining('Stripe'), updatedAt: iso, updatedBy: null },
    ]);
  });

  it('When the caller is not an admin, then GET and PUT answer 403; without a token 401; nothing changes', async () => {
    const token = await customer(t);
    const listDenied = await t.http().get(FLAGS).set(bearer(token)).expect(403);
    expect(listDenied.headers['content-type']).toMatch(PROBLEM);
    const putDenied = await put('payments.stripe.enabled', { value: false }, token).expect(403);
    expect(putDenied.body).toMatchObject({ status: 403, title: 'Forbidden' });
    await t.http().get(FLAGS).expect(401);
    const anonymous = await put('payments.stripe.enabled', { value: false }, null).expect(401);
    expect(anonymous.headers['content-type']).toMatch(PROBLEM);
    expect(await storedValue('payments.stripe.enabled')).toBe(true);
  });

  it.each([
    ['no value', {}, 'value'],
    ['a null value', { value: null }, 'value'],
    ['an unknown property', { value: false, enabled: false }, 'enabled'],
    ['a string for a boolean flag', { value: 'false' }, 'value'],
    ['a number for a boolean flag', { value: 0 }, 'value'],
    ['a value over 4 KiB', { value: 'x'.repeat(5000) }, 'value'],
  ])('When the body has %s, then 400 problem+json naming the field, and the flag is unchanged', async (_, body, field) => {
    const res = await put('payments.stripe.enabled', body).expect(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(await storedValue('payments.stripe.enabled')).toBe(true);
  });

  it.each([
    ['upper case', 'Payments.Stripe.Enabled'],
    ['a leading dot', '.payments'],
    ['a space', 'payments%20stripe'],
  ])('When the key has %s, then 400 naming `key`', async (_, key) => {
    const res = await put(key, { value: false }).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'key' })]);
  });

  it('When the key is longer than 100 characters, then it is refused (4xx) and no flag changes', async () => {
    // Fastify's maxParamLength (100) answers 414 before routing (as for every route with a path parameter; its body
    // is Fastify's own JSON, not problem+json); the DTO's MaxLength(100) is the same bound, should that limit change.
    const res = await put(`a${'.b'.repeat(50)}`, { value: false });
    expect([400, 414]).toContain(res.status);
    expect(await storedValue('payments.stripe.enabled')).toBe(true);
  });

  it('When the key is well formed but unknown, then 404 feature-flag-not-found and no flag is created', async () => {
    const res = await put('payments.paypal.enabled', { value: false }).expect(404);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ status: 404, type: expect.stringContaining('feature-flag-not-found') });
    expect(res.body.detail).toContain('payments.paypal.enabled');
    expect(await storedValue('payments.paypal.enabled')).toBeUndefined();
  });

  it('When an admin switches a flag off, then 200 with the flag, it is stored with who did it, and this instance evaluates it at once', async () => {
    const before = Date.now();
    const res = await put('payments.razorpay.enabled', { value: false }).expect(200);
    expect(res.body).toEqual({
      key: 'payments.razorpay.enabled',
      value: false,
      description: expect.any(String),
      updatedAt: expect.any(String),
      updatedBy: adminId,
    });
    expect(Date.parse(res.body.updatedAt)).toBeGreaterThanOrEqual(before - 1000);
    // Read-your-writes: the instance that answered already evaluates the new value.
    expect(await t.app.get(FeatureFlags).isEnabled('payments.razorpay.enabled', true)).toBe(false);
    const listed = await t.http().get(FLAGS).set(bearer(t.adminToken)).expect(200);
    expect(listed.body.items.find((f: { key: string }) => f.key === 'payments.razorpay.enabled')).toEqual(res.body);

    await put('payments.razorpay.enabled', { value: true }).expect(200);
    expect(await t.app.get(FeatureFlags).isEnabled('payments.razorpay.enabled', false)).toBe(true);
  });

  it('When one instance changes a flag, then another instance on the same database applies it within moments (NOTIFY, not the periodic refresh)', async () => {
    const flags = second.get(FeatureFlags);
    const onSecond = () => flags.isEnabled('payments.stripe.enabled', true);
    expect(await onSecond()).toBe(true);

    await put('payments.stripe.enabled', { value: false }).expect(200);
    const took = await eventually(onSecond, false, 3_000);
    // Far below the safety-net interval: the change travelled by LISTEN/NOTIFY.
    expect(took).toBeLessThan(FEATURE_FLAGS_REFRESH_INTERVAL_MS / 10);
    const viaHttp = await request(second.getHttpServer()).get(FLAGS).set(bearer(t.adminToken)).expect(200);
    expect(viaHttp.body.items.find((f: { key: string }) => f.key === 'payments.stripe.enabled').value).toBe(false);

    await request(second.getHttpServer())
      .put(`${FLAGS}/payments.stripe.enabled`)
      .set(bearer(t.adminToken))
      .send({ value: true })
      .expect(200);
    await eventually(() => t.app.get(FeatureFlags).isEnabled('payments.stripe.enabled', false), true, 3_000);
  });

  it('When an operator changes a flag with plain SQL, then running instances pick it up too (the trigger notifies)', async () => {
    await t.dataSource.query(`UPDATE platform.feature_flags SET value = 'false' WHERE key = 'payments.razorpay.enabled'`);
    await eventually(() => second.get(FeatureFlags).isEnabled('payments.razorpay.enabled', true), false, 3_000);
    await eventually(() => t.app.get(FeatureFlags).isEnabled('payments.razorpay.enabled', true), false, 3_000);
    await t.dataSource.query(`UPDATE platform.feature_flags SET value = 'true' WHERE key = 'payments.razorpay.enabled'`);
    await eventually(() => second.get(FeatureFlags).isEnabled('payments.razorpay.enabled', false), true, 3_000);
  });

  it('When the LISTEN connections drop and a change commits meanwhile, then the instances reconnect and catch up without waiting for the periodic refresh', async () => {
    const listeners = () =>
      t.dataSource.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'keel-feature-flags-listener'`,
        [t.db.name],
      ) as Promise<Array<{ n: number }>>;
    const before = (await listeners())[0].n;
    expect(before).toBeGreaterThanOrEqual(2); // one per instance
    await t.dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'keel-feature-flags-listener'`,
      [t.db.name],
    );
    // Nobody is listening now: this notification is lost.
    await t.dataSource.query(`UPDATE platform.feature_flags SET value = 'false' WHERE key = 'payments.stripe.enabled'`);
    try {
      // Reconnect after 5 s, then a refresh: well before the 30 s safety net.
      await eventually(() => second.get(FeatureFlags).isEnabled('payments.stripe.enabled', true), false, 12_000);
      await eventually(() => t.app.get(FeatureFlags).isEnabled('payments.stripe.enabled', true), false, 12_000);
      expect((await listeners())[0].n).toBe(before);
    } finally {
      await t.dataSource.query(`UPDATE platform.feature_flags SET value = 'true' WHERE key = 'payments.stripe.enabled'`);
    }
    // Listening again: the next change arrives by NOTIFY.
    await eventually(() => second.get(FeatureFlags).isEnabled('payments.stripe.enabled', false), true, 3_000);
  }, 30_000);

  it('When the migration step runs again (a deploy), then a flag an operator changed keeps its value and a deleted one is seeded again', async () => {
    await t.dataSource.query(`UPDATE platform.feature_flags SET value = 'false' WHERE key = 'payments.stripe.enabled'`);
    await t.dataSource.query(`DELETE FROM platform.feature_flags WHERE key = 'payments.razorpay.enabled'`);
    await runMigrations(t.db.url);
    expect(await storedValue('payments.stripe.enabled')).toBe(false);
    expect(await storedValue('payments.razorpay.enabled')).toBe(true);
    await t.dataSource.query(`UPDATE platform.feature_flags SET value = 'true' WHERE key = 'payments.stripe.enabled'`);
  });

  it('When a flag is unknown to the store, then the port returns the caller’s default', async () => {
    const flags = t.app.get(FeatureFlags);
    expect(await flags.isEnabled('payments.paypal.enabled', true)).toBe(true);
    expect(await flags.isEnabled('payments.paypal.enabled', false)).toBe(false);
  });

  it('When the OpenAPI document is served, then both admin operations are described with their problems', async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body;
    const path = doc.paths['/api/v1/admin/feature-flags/{key}'];
    expect(Object.keys(path.put.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404']));
    expect(doc.paths['/api/v1/admin/feature-flags'].get.responses['200']).toBeDefined();
  });
});
