import { revocationKeyPrefixFor } from '@keel/http';
import Redis from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, waitFor } from '../../support/processes';
import { RedisServer } from '../../support/redis-server';
import { startTestApp, TestApp } from '../../support/test-app';
import { PASSWORD, signUp } from '../../support/users';

/**
 * Two API instances of one deployment (same database, same Redis): a session
 * ended on one is refused by the other within a second, although the other
 * had the token in its cache of verified tokens.
 */
describe('Access tokens end with their session on every instance', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp({}, { redis: true });
    b = await startTestApp({ DATABASE_URL: a.db.url }, { redis: true });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const me = (t: TestApp, token: string) => t.http().get('/api/v1/users/me').set('authorization', `Bearer ${token}`);

  /** Milliseconds until `token` gets 401 from instance `t`, polling every 50 ms; fails after 3 s. */
  async function msUntilRefused(t: TestApp, token: string, since: number): Promise<number> {
    while (Date.now() - since < 3000) {
      const res = await me(t, token);
      if (res.status === 401) return Date.now() - since;
      expect(res.status).toBe(200);
      await sleep(50);
    }
    throw new Error('the token was still accepted after 3 s');
  }

  it('When a user logs out on instance A, then the old access token gets 401 on instance B within one second; other sessions work on', async () => {
    const { email, accessToken, refreshToken } = await signUp(a);
    const other = (await b.http().post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(200)).body;
    // B has verified (and cached) the token.
    await me(b, accessToken).expect(200);
    await me(b, accessToken).expect(200);

    await a.http().post('/api/v1/auth/logout').set('authorization', `Bearer ${accessToken}`).send({ refreshToken }).expect(204);
    const loggedOutAt = Date.now();

    expect(await msUntilRefused(b, accessToken, loggedOutAt)).toBeLessThan(1000);
    await me(a, accessToken).expect(401);
    await me(b, other.accessToken).expect(200);
    await me(a, other.accessToken).expect(200);
  });

  it('When the password is changed on instance B, then every earlier access token of the user gets 401 on instance A within one second', async () => {
    const { email, accessToken } = await signUp(a);
    const second = (await a.http().post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(200)).body.accessToken as string;
    await me(a, accessToken).expect(200);
    await me(a, second).expect(200);

    await b
      .http()
      .post('/api/v1/auth/password')
      .set('authorization', `Bearer ${accessToken}`)
      .send({ currentPassword: PASSWORD, newPassword: 'a new passphrase for everyone' })
      .expect(204);
    const changedAt = Date.now();

    expect(await msUntilRefused(a, accessToken, changedAt)).toBeLessThan(1000);
    expect(await msUntilRefused(a, second, changedAt)).toBeLessThan(1000);
    // A new login with the new password works on both.
    const fresh = (await a.http().post('/api/v1/auth/login').send({ email, password: 'a new passphrase for everyone' }).expect(200)).body;
    await me(b, fresh.accessToken).expect(200);
  });
});

describe('Access-token revocation when Redis fails', () => {
  let dir: string;
  let redis: RedisServer;
  let t: TestApp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keel-revocation-redis-'));
    // Its own Redis (the shared one is never stopped), persisted like production's.
    redis = new RedisServer(dir, await freePort());
    await redis.start();
    t = await startTestApp({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await t?.close();
    await redis?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  const me = (token: string) => t.http().get('/api/v1/users/me').set('authorization', `Bearer ${token}`);
  const sessionOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sid as string;
  /** Whether the revocation of the token's session reached Redis (where other instances would see it). */
  const sharedInRedis = async (token: string) => {
    const client = new Redis(redis.url);
    try {
      return (await client.exists(revocationKeyPrefixFor(t.db.url) + sessionOf(token))) === 1;
    } finally {
      client.disconnect();
    }
  };

  it('When Redis is down, then valid tokens are still served at once (fail open), a logout still ends its tokens on this instance and reaches Redis once it is back', async () => {
    const user = await signUp(t);
    const other = (await t.http().post('/api/v1/auth/login').send({ email: user.email, password: PASSWORD }).expect(200)).body;
    await me(user.accessToken).expect(200);

    await redis.kill();
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      await me(user.accessToken).expect(200);
      expect(Date.now() - started).toBeLessThan(1000);
      await sleep(300); // past the recheck interval: each request asks Redis, which fails
    }
    await t
      .http()
      .post('/api/v1/auth/logout')
      .set('authorization', `Bearer ${user.accessToken}`)
      .send({ refreshToken: user.refreshToken })
      .expect(204);
    await me(user.accessToken).expect(401);

    await redis.start();
    await waitFor(async () => (await me(other.accessToken)).status === 200, 'served after Redis is back', 20_000);
    await t
      .http()
      .post('/api/v1/auth/logout')
      .set('authorization', `Bearer ${other.accessToken}`)
      .send({ refreshToken: other.refreshToken })
      .expect(204);
    await me(other.accessToken).expect(401);
    // Served above does not prove the instance has reconnected (it fails open): the write lands once it has.
    await waitFor(() => sharedInRedis(other.accessToken), 'the logout after the outage reached Redis', 5_000);
    // The revocation made during the outage is written once Redis is back, so other instances learn it too.
    await waitFor(() => sharedInRedis(user.accessToken), 'the revocation made during the outage reached Redis', 5_000);
  });
});
