import { rateLimitedRequests } from '@keel/http';
import { startTestApp, TestApp } from '../../support/test-app';
import { PASSWORD, signUp, uniqueEmail } from '../../support/users';

type Res = { status: number; headers: Record<string, string>; body: Record<string, unknown> };

const login = (t: TestApp, email: string, forwardedFor?: string) => {
  const req = t.http().post('/api/v1/auth/login');
  if (forwardedFor) req.set('x-forwarded-for', forwardedFor);
  return req.send({ email, password: 'not the password!' }) as unknown as Promise<Res>;
};

/** Requests refused so far by one limit (keel_rate_limited_requests_total), in this process. */
const refusedBy = async (limit: string) => (await rateLimitedRequests.get()).values.find((v) => v.labels.limit === limit)?.value ?? 0;

function expectRateLimitedProblem(res: Res, limit: number) {
  expect(res.status).toBe(429);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 429, type: expect.stringContaining('rate-limited'), requestId: expect.any(String) });
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  expect(res.headers['ratelimit-limit']).toBe(String(limit));
  expect(res.headers['ratelimit-remaining']).toBe('0');
  expect(Number(res.headers['ratelimit-reset'])).toBeGreaterThan(0);
}

describe('Rate limits', () => {
  describe('global limit per client (in process, no Redis)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW_MS: '60000' });
    });
    afterAll(() => t.close());

    it('When a client goes over the limit, then RateLimit headers count down on every response and the next request is a 429 problem; health stays exempt; a signed-in user has a budget of their own', async () => {
      // Two requests of this IP's budget: register and login.
      const email = uniqueEmail();
      await t.http().post('/api/v1/auth/register').send({ email, password: PASSWORD, name: 'Budget' }).expect(202);
      const { accessToken } = (await t.http().post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(200)).body;
      const remaining: string[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await t.http().get('/api/v1/products').expect(200);
        expect(res.headers['ratelimit-limit']).toBe('5');
        expect(Number(res.headers['ratelimit-reset'])).toBeGreaterThan(0);
        remaining.push(res.headers['ratelimit-remaining']);
      }
      expect(remaining).toEqual(['2', '1', '0']);

      const refusedBefore = await refusedBy('global');
      const limited = (await t.http().get('/api/v1/products')) as unknown as Res;
      expectRateLimitedProblem(limited, 5);
      expect(await refusedBy('global')).toBe(refusedBefore + 1);

      const live = await t.http().get('/health/live').expect(200);
      expect(live.headers['ratelimit-limit']).toBeUndefined();

      // The same IP, but authenticated: counted by user id, not by IP.
      const me = await t.http().get('/api/v1/users/me').set('authorization', `Bearer ${accessToken}`).expect(200);
      expect(me.headers['ratelimit-remaining']).toBe('4');
      // A forged token does not buy a fresh budget: it is counted by IP, which is exhausted.
      const forged = (await t.http().get('/api/v1/products').set('authorization', `Bearer ${accessToken}x`)) as unknown as Res;
      expect(forged.status).toBe(429);
    });
  });

  describe('auth limit per IP, no trusted proxy', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ AUTH_RATE_LIMIT_MAX_PER_IP: '3', AUTH_RATE_LIMIT_WINDOW_MS: '60000' });
    });
    afterAll(() => t.close());

    it('When one IP tries more logins than allowed, then 429 with Retry-After, even with a different X-Forwarded-For each time (ignored without TRUSTED_PROXIES)', async () => {
      for (let i = 1; i <= 3; i++) {
        const res = await login(t, uniqueEmail('stuffing'), `203.0.113.${i}`);
        expect(res.status).toBe(401);
        expect(res.headers['ratelimit-limit']).toBe('3');
        expect(res.headers['ratelimit-remaining']).toBe(String(3 - i));
      }
      const refusedBefore = await refusedBy('auth_ip');
      expectRateLimitedProblem(await login(t, uniqueEmail('stuffing'), '203.0.113.99'), 3);
      expect(await refusedBy('auth_ip')).toBe(refusedBefore + 1);
      // Registration and refresh share the credential budget of this IP.
      const register = await t.http().post('/api/v1/auth/register').send({ email: uniqueEmail(), password: PASSWORD, name: 'Late' });
      expect(register.status).toBe(429);
      const refresh = await t
        .http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: 'x'.repeat(43) });
      expect(refresh.status).toBe(429);
      // Other routes only count against the (generous) global limit.
      await t.http().get('/api/v1/products').expect(200);
    });
  });

  describe('auth limit per account and per IP behind a trusted proxy', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({
        TRUSTED_PROXIES: '127.0.0.1',
        AUTH_RATE_LIMIT_MAX_PER_IP: '3',
        AUTH_RATE_LIMIT_MAX_PER_ACCOUNT: '3',
        AUTH_RATE_LIMIT_WINDOW_MS: '60000',
      });
    });
    afterAll(() => t.close());

    it('When one refresh token is tried from many IPs, then the attempts past the account limit get 429, and another token is unaffected', async () => {
      const refresh = (refreshToken: string, from: string) =>
        t.http().post('/api/v1/auth/refresh').set('x-forwarded-for', from).send({ refreshToken }) as unknown as Promise<Res>;
      const stolen = 'a'.repeat(43);
      for (let i = 1; i <= 3; i++) expect((await refresh(stolen, `198.51.100.${i}`)).status).toBe(401);
      // A fresh IP, the same token: limited.
      const refusedBefore = await refusedBy('auth_account');
      expectRateLimitedProblem(await refresh(stolen, '198.51.100.50'), 3);
      expect(await refusedBy('auth_account')).toBe(refusedBefore + 1);
      expect((await refresh('b'.repeat(43), '198.51.100.51')).status).toBe(401);
    });

    it('When one email is named in logins from many IPs, then no per-account limit applies: the identity lockout (per client) guards it, so nobody can lock the owner out by naming the email', async () => {
      const victim = uniqueEmail('victim');
      for (let i = 1; i <= 6; i++) expect((await login(t, victim, `198.51.100.${100 + i}`)).status).toBe(401);
      const signedUp = await signUp(t, uniqueEmail('owner'));
      for (let i = 1; i <= 6; i++) {
        const malformed = await t
          .http()
          .post('/api/v1/auth/login')
          .set('x-forwarded-for', `198.51.100.${110 + i}`)
          .send({ email: signedUp.email });
        expect(malformed.status).toBe(400);
      }
      await t
        .http()
        .post('/api/v1/auth/login')
        .set('x-forwarded-for', '198.51.100.120')
        .send({ email: signedUp.email, password: PASSWORD })
        .expect(200);
    });

    it('When the trusted proxy forwards one client IP, then that IP is limited, and other clients behind the proxy are not', async () => {
      for (let i = 0; i < 3; i++) expect((await login(t, uniqueEmail('one-ip'), '192.0.2.7')).status).toBe(401);
      expectRateLimitedProblem(await login(t, uniqueEmail('one-ip'), '192.0.2.7'), 3);
      expect((await login(t, uniqueEmail('other-ip'), '192.0.2.8')).status).toBe(401);
    });
  });

  describe('switched off (RATE_LIMIT_ENABLED=false, for load tests)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ RATE_LIMIT_ENABLED: 'false', RATE_LIMIT_MAX: '1', AUTH_RATE_LIMIT_MAX_PER_IP: '1' });
    });
    afterAll(() => t.close());

    it('When limits are off, then no request is refused and no RateLimit header is sent', async () => {
      for (let i = 0; i < 3; i++) {
        const res = await t.http().get('/api/v1/products').expect(200);
        expect(res.headers['ratelimit-limit']).toBeUndefined();
        expect((await login(t, uniqueEmail('off'))).status).toBe(401);
      }
    });
  });

  describe('two API instances on one Redis', () => {
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      a = await startTestApp({ RATE_LIMIT_MAX: '6', RATE_LIMIT_WINDOW_MS: '60000' }, { redis: true });
      // The second instance of the same deployment: same database, same Redis.
      b = await startTestApp({ RATE_LIMIT_MAX: '6', RATE_LIMIT_WINDOW_MS: '60000', DATABASE_URL: a.db.url }, { redis: true });
    });
    afterAll(async () => {
      await b?.close();
      await a?.close();
    });

    it('When a client spreads requests over both instances, then they share one counter and the limit holds across them', async () => {
      const seen: Array<[string, string]> = [];
      for (const t of [a, b, a, b, a, b]) {
        const res = await t.http().get('/api/v1/products').expect(200);
        seen.push([t === a ? 'a' : 'b', res.headers['ratelimit-remaining']]);
      }
      expect(seen).toEqual([
        ['a', '5'],
        ['b', '4'],
        ['a', '3'],
        ['b', '2'],
        ['a', '1'],
        ['b', '0'],
      ]);
      expectRateLimitedProblem((await a.http().get('/api/v1/products')) as unknown as Res, 6);
      expectRateLimitedProblem((await b.http().get('/api/v1/products')) as unknown as Res, 6);
    });
  });
});
