import { knownVariables, resolveFileSecrets, settingsOf } from '@keel/kernel';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTEXTS } from '../../../contexts';
import { startTestApp, TestApp } from '../../support/test-app';
import { signUp } from '../../support/users';

const ADMIN = { email: 'ops@example.com', password: 'admin password that is long' };

describe('Admin account and roles', () => {
  let t: TestApp;
  const rebooted: TestApp[] = [];
  beforeAll(async () => {
    // On Redis, like a real multi-instance deployment: sessions ended by one instance's boot end on the others.
    t = await startTestApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }, { redis: true });
  });
  afterAll(async () => {
    delete process.env.ADMIN_EMAIL;
    delete process.env.ADMIN_PASSWORD;
    delete process.env.ADMIN_PASSWORD_RESET;
    // Closing the app alone: the database is the first instance's.
    for (const app of rebooted) await app.app.close();
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

  /**
   * Boots another API instance of the same deployment (same database): what a restart or a deploy does.
   * Instances in one process share the transaction host, so each stays up until afterAll (newest first).
   */
  async function reboot(env: Record<string, string>): Promise<void> {
    rebooted.unshift(await startTestApp({ DATABASE_URL: t.db.url, ADMIN_PASSWORD_RESET: 'false', ...env }, { redis: true }));
  }
  const logIn = (password: string) => t.http().post('/api/v1/auth/login').send({ email: ADMIN.email, password });

  it('When the admin changed the password and the app restarts with the same ADMIN_PASSWORD, then the changed one is kept and the admin stays logged in', async () => {
    const session = (await logIn(ADMIN.password).expect(200)).body;
    const changed = 'the admin chose this one';
    await t
      .http()
      .post('/api/v1/auth/password')
      .set('authorization', `Bearer ${session.accessToken}`)
      .send({ currentPassword: ADMIN.password, newPassword: changed })
      .expect(204);
    const current = (await logIn(changed).expect(200)).body;

    await reboot({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });

    await logIn(changed).expect(200);
    await logIn(ADMIN.password).expect(401);
    await t.http().get('/api/v1/users/me').set('authorization', `Bearer ${current.accessToken}`).expect(200);
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: current.refreshToken }).expect(200);
  });

  it('When ADMIN_PASSWORD_RESET=true (with the password from ADMIN_PASSWORD_FILE), then it is reset once; a later change survives further boots with the flag still set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keel-admin-'));
    const file = join(dir, 'admin-password');
    writeFileSync(file, 'password from a mounted secret\n');
    const fromFile = resolveFileSecrets({ ADMIN_PASSWORD_FILE: file }, knownVariables(settingsOf(CONTEXTS)));
    expect(fromFile).toEqual({ ADMIN_PASSWORD: 'password from a mounted secret' });

    await reboot({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: fromFile.ADMIN_PASSWORD!, ADMIN_PASSWORD_RESET: 'true' });
    const session = (await logIn('password from a mounted secret').expect(200)).body;

    const later = 'changed again after the reset';
    await t
      .http()
      .post('/api/v1/auth/password')
      .set('authorization', `Bearer ${session.accessToken}`)
      .send({ currentPassword: 'password from a mounted secret', newPassword: later })
      .expect(204);
    await reboot({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: fromFile.ADMIN_PASSWORD!, ADMIN_PASSWORD_RESET: 'true' });

    await logIn(later).expect(200);
    await logIn('password from a mounted secret').expect(401);
  });

  it('When a customer registered ADMIN_EMAIL before the first boot, then the boot makes it the admin only with ADMIN_PASSWORD, ending its sessions', async () => {
    const squatted = 'squatted-admin@example.com';
    const squatter = await signUp(t, squatted);

    await reboot({ ADMIN_EMAIL: squatted, ADMIN_PASSWORD: 'the real admin password' });

    await t.http().post('/api/v1/auth/login').send({ email: squatted, password: 'correct horse battery staple' }).expect(401);
    await t.http().get('/api/v1/users/me').set('authorization', `Bearer ${squatter.accessToken}`).expect(401);
    const admin = (await t.http().post('/api/v1/auth/login').send({ email: squatted, password: 'the real admin password' }).expect(200))
      .body;
    const me = await t.http().get('/api/v1/users/me').set('authorization', `Bearer ${admin.accessToken}`).expect(200);
    expect(me.body.roles.sort()).toEqual(['admin', 'customer']);
  });
});
