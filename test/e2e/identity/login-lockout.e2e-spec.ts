import { CommandBus } from '@nestjs/cqrs';
import { IssueAccountLinkCommand } from '@keel/identity/contracts';
import { loginAccountFloods, loginThrottled } from '../../../libs/identity/src/application';
import { startTestApp, TestApp } from '../../support/test-app';
import { PASSWORD, uniqueEmail } from '../../support/users';

const WRONG = 'not the password at all';
type Res = { status: number; headers: Record<string, string | string[]>; body: Record<string, unknown> };

const counter = async (metric: typeof loginAccountFloods | typeof loginThrottled, scope?: string) =>
  (await metric.get()).values.find((v) => scope === undefined || v.labels.scope === scope)?.value ?? 0;

/** The `keel_device=...` pair of a login response's Set-Cookie, ready for a Cookie header. */
const deviceCookieOf = (res: Res) => {
  const header = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('keel_device='));
  if (!header) throw new Error('no device cookie');
  return header.split(';')[0];
};

describe('Login lockouts that protect the owner, not the attacker (ADR 0013)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      TRUSTED_PROXIES: '127.0.0.1',
      LOGIN_LOCKOUT_THRESHOLD: '5',
      LOGIN_FLOOD_THRESHOLD: '20',
      // The per-IP limit still holds; the attack below spreads over many addresses, as a real one would.
      AUTH_RATE_LIMIT_MAX_PER_IP: '10',
      // The per-account limit no longer applies to login at all: 3 would stop the owner if it did.
      AUTH_RATE_LIMIT_MAX_PER_ACCOUNT: '3',
      AUTH_RATE_LIMIT_WINDOW_MS: '60000',
    });
  });
  afterAll(() => t.close());

  const login = (body: Record<string, unknown>, from: string, cookie?: string) => {
    const req = t.http().post('/api/v1/auth/login').set('x-forwarded-for', from);
    if (cookie) req.set('cookie', cookie);
    return req.send(body) as unknown as Promise<Res>;
  };
  const register = async () => {
    const email = uniqueEmail('owner');
    await t.http().post('/api/v1/auth/register').send({ email, password: PASSWORD, name: 'Owner' }).expect(202);
    return email;
  };

  it('When a client logged in before, then 50 wrong passwords and 20 malformed attempts from other addresses leave it able to log in (200), while strangers are slowed down', async () => {
    const email = await register();
    const first = await login({ email, password: PASSWORD }, '192.0.2.10');
    expect(first.status).toBe(200);
    const device = deviceCookieOf(first);
    const floodsBefore = await counter(loginAccountFloods);

    const wrong: number[] = [];
    for (let i = 1; i <= 50; i++) wrong.push((await login({ email, password: WRONG }, `198.51.100.${i}`)).status);
    const malformed: number[] = [];
    for (let i = 1; i <= 20; i++) {
      const body = [{ email }, { email, password: '' }, { email, password: 42 }, { email, password: PASSWORD, extra: true }][i % 4];
      malformed.push((await login(body, `203.0.113.${i}`)).status);
    }

    // The first 20 failures are 401s; from then on every stranger is slowed down (429), none gets to guess.
    expect(wrong.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(wrong.slice(20)).toEqual(Array(30).fill(429));
    expect(malformed).toEqual(Array(20).fill(400));
    expect(await counter(loginAccountFloods)).toBe(floodsBefore + 1);

    // The owner, from the device that logged in before: in.
    const owner = await login({ email, password: PASSWORD }, '192.0.2.10', device);
    expect(owner.status).toBe(200);
    expect(owner.body).toMatchObject({ tokenType: 'Bearer', accessToken: expect.any(String) });
    // The device is what counts, not the address (a phone changes networks).
    expect((await login({ email, password: PASSWORD }, '192.0.2.99', device)).status).toBe(200);
    // A stranger, even with the right password (or a forged cookie), waits for the slow-down to pass.
    const stranger = await login({ email, password: PASSWORD }, '192.0.2.200');
    expect(stranger.status).toBe(429);
    expect(stranger.body.type).toEqual(expect.stringContaining('account-locked'));
    expect(Number(stranger.headers['retry-after'])).toBeGreaterThan(0);
    const forged = `${device.slice(0, -3)}xyz`;
    expect((await login({ email, password: PASSWORD }, '192.0.2.201', forged)).status).toBe(429);
  });

  it('When the owner resets the password, then every lock of the account is cleared (LoginLockout.unlockAccount, called by the reset confirm) and the reset is audited', async () => {
    const email = await register();
    for (let i = 1; i <= 20; i++) await login({ email, password: WRONG }, `198.51.100.${100 + i}`);
    expect((await login({ email, password: PASSWORD }, '192.0.2.50')).status).toBe(429);

    // The reset link's token, minted as the worker mints the one it emails, confirmed over HTTP.
    const [{ id: userId }] = await t.dataSource.query(`SELECT id FROM identity.users WHERE email = $1`, [email]);
    const link = await t.app.get(CommandBus).execute(new IssueAccountLinkCommand(userId, 'reset-password'));
    const newPassword = `${PASSWORD} after the reset`;
    await t
      .http()
      .post('/api/v1/auth/password-reset/confirm')
      .set('x-forwarded-for', '192.0.2.50')
      .send({ token: new URL(link!.url).searchParams.get('token'), newPassword })
      .expect(204);

    expect((await login({ email, password: newPassword }, '192.0.2.50')).status).toBe(200);
    const audit = await t.dataSource.query(
      `SELECT actor_id, action, target_type, target_id, client_address FROM platform.audit_events WHERE target_id = $1`,
      [userId],
    );
    expect(audit).toEqual([
      { actor_id: userId, action: 'user.password-reset', target_type: 'user', target_id: userId, client_address: '192.0.2.50' },
    ]);
  });

  it('When only malformed requests name the account, then nothing counts against it: the owner logs in from a new client', async () => {
    const email = await register();
    for (let i = 1; i <= 30; i++) expect((await login({ email }, `203.0.113.${100 + i}`)).status).toBe(400);
    expect((await login({ email, password: PASSWORD }, '192.0.2.60')).status).toBe(200);
  });

  it('When one client fails repeatedly, then that client alone is locked out of the account; the owner on another client is not', async () => {
    const email = await register();
    const throttledBefore = await counter(loginThrottled, 'client');
    for (let i = 0; i < 5; i++) expect((await login({ email, password: WRONG }, '198.51.100.222')).status).toBe(401);
    expect((await login({ email, password: PASSWORD }, '198.51.100.222')).status).toBe(429);
    expect(await counter(loginThrottled, 'client')).toBe(throttledBefore + 1);
    expect((await login({ email, password: PASSWORD }, '192.0.2.70')).status).toBe(200);
  });

  it('When a login succeeds, then the device cookie is signed, HttpOnly, SameSite=Strict and scoped to the auth endpoints', async () => {
    const email = await register();
    const res = await login({ email, password: PASSWORD }, '192.0.2.80');
    const header = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('keel_device='))!;
    expect(header).toMatch(
      /^keel_device=[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}; Path=\/api\/v1\/auth; Max-Age=\d+; HttpOnly; SameSite=Strict$/,
    );
    // Logging in again with it keeps the same device id.
    const again = await login({ email, password: PASSWORD }, '192.0.2.81', deviceCookieOf(res));
    expect(deviceCookieOf(again)).toBe(deviceCookieOf(res));
  });
});
