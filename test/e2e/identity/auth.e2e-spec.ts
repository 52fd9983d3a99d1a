import { setTimeout as sleep } from 'node:timers/promises';
import { PASSWORD, signUp, signUpUnverified, uniqueEmail } from '../../support/users';
import { startTestApp, TestApp } from '../../support/test-app';

/** A short refresh grace window, so that "re-use after the window" takes seconds, not the default 10 s. */
const GRACE_SECONDS = 2;
const afterGrace = () => sleep(GRACE_SECONDS * 1000 + 300);

describe('Identity over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ REFRESH_TOKEN_REUSE_GRACE_SECONDS: String(GRACE_SECONDS) });
  });
  afterAll(() => t.close());

  describe('register', () => {
    it('When a new email registers, then 202 verification-sent, and the account is an unverified customer without secrets', async () => {
      const email = uniqueEmail();
      const res = await t.http().post('/api/v1/auth/register').send({ email, password: PASSWORD, name: 'Ada' }).expect(202);
      expect(res.body).toEqual({ status: 'verification-sent' });
      const login = await t.http().post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(200);
      const me = await t.http().get('/api/v1/users/me').set('authorization', `Bearer ${login.body.accessToken}`).expect(200);
      expect(me.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        email,
        name: 'Ada',
        roles: ['customer'],
        emailVerified: false,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      });
      expect(JSON.stringify(me.body)).not.toContain('password');
    });

    it('When a user registers, then identity.user-registered and the verification request are in the outbox, written by the same transaction, without secrets', async () => {
      const email = uniqueEmail();
      const { id } = await signUpUnverified(t, email, 'Ada');
      // xmin is the id of the transaction that wrote the row: equal means one transaction wrote both.
      const rows = await t.dataSource.query(
        `SELECT o.event_name, o.payload, o.xmin::text AS event_tx, u.xmin::text AS user_tx
           FROM platform.outbox o JOIN identity.users u ON u.id::text = o.aggregate_id
          WHERE o.aggregate_id = $1 ORDER BY o.event_name DESC`,
        [id],
      );
      expect(rows).toEqual([
        {
          event_name: 'identity.user-registered',
          payload: { email, name: 'Ada' },
          event_tx: expect.any(String),
          user_tx: expect.any(String),
        },
        {
          event_name: 'identity.email-verification-requested',
          payload: { userId: id, email },
          event_tx: expect.any(String),
          user_tx: expect.any(String),
        },
      ]);
      expect(rows[0].event_tx).toBe(rows[0].user_tx);
      expect(rows[1].event_tx).toBe(rows[0].user_tx);
      expect(JSON.stringify(rows.map((r: { payload: unknown }) => r.payload))).not.toMatch(/password|argon|hash|token/i);
    });

    it('When the email is taken (in any letter case), then the same 202, no second account, the account unchanged and the owner told', async () => {
      const email = uniqueEmail();
      const owner = await signUpUnverified(t, email, 'Ada');
      const res = await t
        .http()
        .post('/api/v1/auth/register')
        .send({ email: email.toUpperCase(), password: 'another password entirely', name: 'Eve' })
        .expect(202);
      expect(res.body).toEqual({ status: 'verification-sent' });
      const users = await t.dataSource.query(`SELECT id, name FROM identity.users WHERE email = $1`, [email]);
      expect(users).toEqual([{ id: owner.id, name: 'Ada' }]);
      await t.http().post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(200);
      const events = await t.dataSource.query(`SELECT event_name, payload FROM platform.outbox WHERE aggregate_id = $1 ORDER BY id`, [
        owner.id,
      ]);
      expect(events.map((e: { event_name: string }) => e.event_name)).toContain('identity.registration-for-existing-account');
    });

    it('When the same email registers three times concurrently, then all get 202 and exactly one account exists', async () => {
      const email = uniqueEmail('race');
      const body = { email, password: PASSWORD, name: 'Racer' };
      const results = await Promise.all([1, 2, 3].map(() => t.http().post('/api/v1/auth/register').send(body)));
      expect(results.map((r) => r.status)).toEqual([202, 202, 202]);
      const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM identity.users WHERE email = $1`, [email]);
      expect(count).toBe(1);
    });

    it('When a new and a taken email register, then both answers take about the same time (no enumeration by timing)', async () => {
      const taken = (await signUpUnverified(t)).email;
      const time = async (email: string) => {
        const started = process.hrtime.bigint();
        await t.http().post('/api/v1/auth/register').send({ email, password: PASSWORD, name: 'Timer' }).expect(202);
        return Number(process.hrtime.bigint() - started) / 1e6;
      };
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const fresh: number[] = [];
      const existing: number[] = [];
      for (let i = 0; i < 7; i++) {
        fresh.push(await time(uniqueEmail('timing')));
        existing.push(await time(taken));
      }
      // Both are dominated by the argon2 hash; a taken address skipping it would be several times faster.
      const ratio = median(existing) / median(fresh);
      expect(ratio).toBeGreaterThan(0.6);
      expect(ratio).toBeLessThan(1.67);
    });

    it('When the password is shorter than 12 characters, then 400 names the field', async () => {
      const res = await t.http().post('/api/v1/auth/register').send({ email: uniqueEmail(), password: 'short', name: 'Ada' }).expect(400);
      expect(res.body.errors).toEqual([{ field: 'password', message: expect.stringContaining('12') }]);
    });

    it.each([
      ['two lines', 'Ada\nClick https://evil.example'],
      ['a control character', 'Ada\u0007'],
      ['a bidi override', 'Ada\u202Etxt.exe'],
    ])('When the name has %s, then 400 names the field and no account is created', async (_what, name) => {
      const email = uniqueEmail();
      const res = await t.http().post('/api/v1/auth/register').send({ email, password: PASSWORD, name }).expect(400);
      expect(res.body.errors).toEqual([{ field: 'name', message: expect.stringContaining('one line') }]);
      const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM identity.users WHERE email = $1`, [email]);
      expect(count).toBe(0);
    });
  });

  describe('login', () => {
    it('When the credentials are right, then 200 returns a bearer pair', async () => {
      const { email } = await signUpUnverified(t);
      const res = await t.http().post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(200);
      expect(res.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900 });
    });

    it('When the password is wrong or the email unknown, then the same 401 answer (no account enumeration)', async () => {
      const { email } = await signUp(t);
      const wrong = await t.http().post('/api/v1/auth/login').send({ email, password: 'not the password!' }).expect(401);
      const unknown = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: uniqueEmail('ghost'), password: PASSWORD })
        .expect(401);
      expect(wrong.body.detail).toBe(unknown.body.detail);
      expect(wrong.body.type).toBe(unknown.body.type);
    });
  });

  describe('users/me', () => {
    it('When called with a valid access token, then it returns the caller', async () => {
      const { email, accessToken } = await signUp(t);
      const res = await t.http().get('/api/v1/users/me').set('authorization', `Bearer ${accessToken}`).expect(200);
      expect(res.body).toMatchObject({ email, roles: ['customer'] });
    });

    it('When the token is missing, malformed, tampered or signed with another key, then 401', async () => {
      const { accessToken } = await signUp(t);
      const [h, p] = accessToken.split('.');
      const tampered = `${h}.${Buffer.from(JSON.stringify({ sub: 'x', roles: ['admin'] })).toString('base64url')}.${accessToken.split('.')[2]}`;
      const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${p}.`;
      for (const authorization of [undefined, 'Bearer', 'Basic abc', 'Bearer not-a-jwt', `Bearer ${tampered}`, `Bearer ${none}`]) {
        const req = t.http().get('/api/v1/users/me');
        if (authorization) req.set('authorization', authorization);
        const res = await req.expect(401);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
      }
    });
  });

  describe('refresh and logout', () => {
    it('When a refresh token is used, then a new pair is issued and the old token is spent: within the grace window it returns that same pair', async () => {
      const { refreshToken } = await signUp(t);
      const first = await t.http().post('/api/v1/auth/refresh').send({ refreshToken }).expect(200);
      expect(first.body.refreshToken).not.toBe(refreshToken);
      await t.http().get('/api/v1/users/me').set('authorization', `Bearer ${first.body.accessToken}`).expect(200);
      const again = await t.http().post('/api/v1/auth/refresh').send({ refreshToken }).expect(200);
      expect(again.body).toEqual(first.body);
    });

    it('When a spent refresh token is re-used after the grace window, then the whole family is revoked (the newest refresh and access tokens stop working too)', async () => {
      const { refreshToken } = await signUp(t);
      const rotated = await t.http().post('/api/v1/auth/refresh').send({ refreshToken }).expect(200);
      await afterGrace();
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken }).expect(401); // theft detected
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: rotated.body.refreshToken }).expect(401);
      await t.http().get('/api/v1/users/me').set('authorization', `Bearer ${rotated.body.accessToken}`).expect(401);
    });

    it('When one token is refreshed four times concurrently (a client racing itself), then all four get the same new pair and the user stays logged in', async () => {
      const { refreshToken } = await signUp(t);
      const results = await Promise.all([1, 2, 3, 4].map(() => t.http().post('/api/v1/auth/refresh').send({ refreshToken })));
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      expect(new Set(results.map((r) => r.body.refreshToken)).size).toBe(1);
      expect(new Set(results.map((r) => r.body.accessToken)).size).toBe(1);
      const [{ body: pair }] = results;
      await t.http().get('/api/v1/users/me').set('authorization', `Bearer ${pair.accessToken}`).expect(200);
      // Re-used after the window (a minute later in the contract's words; GRACE_SECONDS here): the family is revoked.
      await afterGrace();
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken }).expect(401);
      await t.http().get('/api/v1/users/me').set('authorization', `Bearer ${pair.accessToken}`).expect(401);
    });

    it("When a user logs out, then 204, that session's access token is refused at once and it cannot be refreshed; another login is unaffected", async () => {
      const { email, accessToken, refreshToken } = await signUp(t);
      const other = await t.http().post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(200);
      await t.http().get('/api/v1/users/me').set('authorization', `Bearer ${accessToken}`).expect(200);
      await t.http().post('/api/v1/auth/logout').set('authorization', `Bearer ${accessToken}`).send({ refreshToken }).expect(204);
      const refused = await t.http().get('/api/v1/users/me').set('authorization', `Bearer ${accessToken}`).expect(401);
      expect(refused.headers['content-type']).toMatch(/problem\+json/);
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken }).expect(401);
      await t.http().get('/api/v1/users/me').set('authorization', `Bearer ${other.body.accessToken}`).expect(200);
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: other.body.refreshToken }).expect(200);
    });

    it("When someone logs out with another user's refresh token, then that session survives", async () => {
      const victim = await signUp(t);
      const attacker = await signUp(t);
      await t
        .http()
        .post('/api/v1/auth/logout')
        .set('authorization', `Bearer ${attacker.accessToken}`)
        .send({ refreshToken: victim.refreshToken })
        .expect(204);
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: victim.refreshToken }).expect(200);
    });

    it('When logout is called without an access token, then 401', async () => {
      await t.http().post('/api/v1/auth/logout').send({ refreshToken: 'x' }).expect(401);
    });
  });
});
