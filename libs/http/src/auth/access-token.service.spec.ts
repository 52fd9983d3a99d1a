import { SignJWT, UnsecuredJWT } from 'jose';
import { type AppConfig, UnauthenticatedError } from '@keel/kernel';
import { AccessTokenRevocations } from './access-token-revocations';
import { AccessTokenService } from './access-token.service';
import { keyIdFor } from './jwt-key-ring';

const OLD = 'old-secret-that-is-long-enough-for-hs256-0123456789';
const CURRENT = 'current-secret-that-is-long-enough-for-hs256-012345';
const user = { id: '6f1c2a52-7d3e-4b8e-9c41-0a2f1e5d9b70', email: 'ada@example.com', roles: ['customer' as const] };

function service(overrides: Record<string, unknown> = {}): AccessTokenService {
  const values: Record<string, unknown> = {
    JWT_SECRET: CURRENT,
    JWT_PREVIOUS_SECRETS: [],
    JWT_ISSUER: 'keel',
    JWT_AUDIENCE: 'keel-api',
    JWT_ACCESS_TTL_SECONDS: 900,
    ...overrides,
  };
  return new AccessTokenService({ get: (name: string) => values[name] } as unknown as AppConfig);
}

const sign = (secret: string, header: Record<string, unknown>, claims: { iss?: string; aud?: string; exp?: string } = {}) =>
  new SignJWT({ email: user.email, roles: user.roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', ...header })
    .setSubject(user.id)
    .setIssuer(claims.iss ?? 'keel')
    .setAudience(claims.aud ?? 'keel-api')
    .setIssuedAt()
    .setExpirationTime(claims.exp ?? '5m')
    .sign(new TextEncoder().encode(secret));

const header = (token: string) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString());

describe('AccessTokenService', () => {
  it('When a token is issued, then it is HS256, typed JWT, names the signing key and verifies back to the user', async () => {
    const tokens = service();
    const token = await tokens.issue(user);
    expect(header(token)).toEqual({ alg: 'HS256', typ: 'JWT', kid: keyIdFor(CURRENT) });
    await expect(tokens.verify(token)).resolves.toEqual(user);
  });

  it('When the key rotates, then tokens signed with the previous key still verify and new ones use the new key', async () => {
    const before = await service({ JWT_SECRET: OLD }).issue(user);
    const rotated = service({ JWT_SECRET: CURRENT, JWT_PREVIOUS_SECRETS: [OLD] });
    await expect(rotated.verify(before)).resolves.toEqual(user);
    expect(header(await rotated.issue(user)).kid).toBe(keyIdFor(CURRENT));
  });

  it('When the previous key has been retired, then its tokens are rejected', async () => {
    const before = await service({ JWT_SECRET: OLD }).issue(user);
    await expect(service().verify(before)).rejects.toThrow(UnauthenticatedError);
  });

  it.each([
    ['no kid', async () => sign(CURRENT, {})],
    ['an unknown kid', async () => sign(CURRENT, { kid: 'ffffffffffffffff' })],
    ['a kid that names another key than the one that signed', async () => sign(OLD, { kid: keyIdFor(CURRENT) })],
    ['another issuer', async () => sign(CURRENT, { kid: keyIdFor(CURRENT) }, { iss: 'someone-else' })],
    ['another audience', async () => sign(CURRENT, { kid: keyIdFor(CURRENT) }, { aud: 'another-api' })],
    ['an expired exp', async () => sign(CURRENT, { kid: keyIdFor(CURRENT) }, { exp: '-1m' })],
    ['another typ', async () => sign(CURRENT, { kid: keyIdFor(CURRENT), typ: 'at+jwt' })],
    [
      'alg none',
      async () =>
        new UnsecuredJWT({ email: user.email, roles: user.roles })
          .setSubject(user.id)
          .setIssuer('keel')
          .setAudience('keel-api')
          .setIssuedAt()
          .setExpirationTime('5m')
          .encode(),
    ],
  ])('When a token has %s, then it is rejected as unauthenticated', async (_case, make) => {
    await expect(service().verify(await make())).rejects.toThrow(UnauthenticatedError);
  });

  it('When a token is signed correctly by hand with the current kid, then it verifies (the rejections above are about the claim under test)', async () => {
    await expect(service().verify(await sign(CURRENT, { kid: keyIdFor(CURRENT) }))).resolves.toEqual(user);
  });

  it('When a verified token is presented again, then it still verifies until its exp, and not after', async () => {
    const tokens = service();
    const token = await sign(CURRENT, { kid: keyIdFor(CURRENT) }, { exp: '2s' });
    await expect(tokens.verify(token)).resolves.toEqual(user);
    await expect(tokens.verify(token)).resolves.toEqual(user); // from the cache of verified tokens
    // Only the clock moves (Date for both the cache and jose); timers and ticks stay real.
    jest.useFakeTimers({ now: Date.now() + 3_000, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'setInterval'] });
    try {
      await expect(tokens.verify(token)).rejects.toBeInstanceOf(UnauthenticatedError);
    } finally {
      jest.useRealTimers();
    }
  });

  it('When a forged token is presented, then it is rejected every time (failures are never cached)', async () => {
    const tokens = service();
    const forged = await sign('a-different-secret-that-is-long-enough-0123456789', { kid: keyIdFor(CURRENT) });
    await expect(tokens.verify(forged)).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(tokens.verify(forged)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('When the session of a verified (cached) token is revoked, then the token is refused at once; tokens of other sessions still verify', async () => {
    const revocations = new AccessTokenRevocations();
    const tokens = new AccessTokenService(
      {
        get: (name: string) => ({ JWT_SECRET: CURRENT, JWT_ISSUER: 'keel', JWT_AUDIENCE: 'keel-api', JWT_ACCESS_TTL_SECONDS: 900 })[name],
      } as unknown as AppConfig,
      revocations,
    );
    const ended = await tokens.issue(user, 'session-1');
    const other = await tokens.issue(user, 'session-2');
    await expect(tokens.verify(ended)).resolves.toEqual({ ...user, sessionId: 'session-1' });

    await revocations.revokeSessions(['session-1']);

    await expect(tokens.verify(ended)).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(tokens.verify(other)).resolves.toEqual({ ...user, sessionId: 'session-2' });
  });
});
