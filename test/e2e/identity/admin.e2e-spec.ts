import { CommandBus } from '@nestjs/cqrs';
import { EnsureAdminCommand } from '../../../libs/identity/src/application';
import { startTestApp, TestApp } from '../../support/test-app';
import { signUp } from '../../support/users';

const ADMIN = { email: 'ops@example.com', password: 'admin password that is long' };

describe('Admin account and roles', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
  });
  afterAll(async () => {
    delete process.env.ADMIN_EMAIL;
    delete process.env.ADMIN_PASSWORD;
    await t.close();
  });

  const loginAdmin = async () => (await t.http().post('/api/v1/auth/login').send(ADMIN).expect(200)).body.accessToken as string;

  it('When ADMIN_EMAIL/ADMIN_PASSWORD are set, then that admin can log in after boot with both roles', async () => {
    const token = await loginAdmin();
    const me = await t.http().get('/api/v1/users/me').set('authorization', `Bearer ${token}`).expect(200);
    expect(me.body.roles.sort()).toEqual(['admin', 'customer']);
  });

  it('When a customer calls an admin route, then 403; an admin gets 200', async () => {
    const customer = await signUp(t);
    const denied = await t.http().get('/api/v1/users').set('authorization', `Bearer ${customer.accessToken}`).expect(403);
    expect(denied.body).toMatchObject({ status: 403, title: 'Forbidden' });
    await t
      .http()
      .get('/api/v1/users')
      .set('authorization', `Bearer ${await loginAdmin()}`)
      .expect(200);
  });

  it('When users are listed page by page, then every user appears exactly once, newest first', async () => {
    for (let i = 0; i < 5; i++) await signUp(t);
    const token = await loginAdmin();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string | number> = { limit: 2 };
      if (cursor) query.cursor = cursor;
      const page = await t.http().get('/api/v1/users').query(query).set('authorization', `Bearer ${token}`).expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((u: { id: string }) => u.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(7);
  });

  it('When limit or cursor is out of range, then 400 names the field', async () => {
    const token = await loginAdmin();
    for (const [query, field] of [
      [{ limit: 0 }, 'limit'],
      [{ limit: 101 }, 'limit'],
      [{ limit: 'abc' }, 'limit'],
      [{ cursor: 'not-a-real-cursor' }, 'cursor'],
    ] as const) {
      const res = await t.http().get('/api/v1/users').query(query).set('authorization', `Bearer ${token}`).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('When the app boots again with a new ADMIN_PASSWORD, then the old one stops working (ensure is an upsert)', async () => {
    const outcome = await t.app.get(CommandBus).execute(new EnsureAdminCommand(ADMIN.email, 'a brand new admin password'));
    expect(outcome).toBe('updated');
    await t.http().post('/api/v1/auth/login').send(ADMIN).expect(401);
    await t.http().post('/api/v1/auth/login').send({ email: ADMIN.email, password: 'a brand new admin password' }).expect(200);
  });
});
