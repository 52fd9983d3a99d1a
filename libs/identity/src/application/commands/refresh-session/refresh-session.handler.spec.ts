import { AccessTokenRevocations } from '@keel/http';
import { InMemoryTransactions } from '@keel/kernel/testing';
import { Email, InvalidRefreshTokenError, User } from '../../../domain';
import { testIdentityConfig, testSessionIssuer, testSessionRevoker, TEST_REFRESH_GRACE_SECONDS } from '../../../testing/identity-services';
import { InMemoryRefreshTokenRepository } from '../../../testing/refresh-token.repository.fake';
import { InMemoryUserRepository } from '../../../testing/user.repository.fake';
import { hashRefreshToken, type SessionIssuer } from '../../session-issuer.service';
import { RefreshSessionCommand } from './refresh-session.command';
import { RefreshSessionHandler } from './refresh-session.handler';

describe('RefreshSessionHandler', () => {
  let transactions: InMemoryTransactions;
  let tokens: InMemoryRefreshTokenRepository;
  let sessions: SessionIssuer;
  let revocations: AccessTokenRevocations;
  let handler: RefreshSessionHandler;
  let user: User;

  beforeEach(() => {
    transactions = new InMemoryTransactions();
    tokens = new InMemoryRefreshTokenRepository();
    user = User.register({ id: 'u1', email: Email.create('ada@example.com'), name: 'Ada', passwordHash: 'h', now: new Date() });
    sessions = testSessionIssuer(tokens);
    revocations = new AccessTokenRevocations();
    handler = new RefreshSessionHandler(
      tokens,
      new InMemoryUserRepository().given(user),
      sessions,
      testSessionRevoker(tokens, revocations),
      testIdentityConfig,
    );
  });

  const refresh = (token: string) => handler.execute(new RefreshSessionCommand(token));
  const stored = (raw: string) => tokens.all().find((t) => t.tokenHash === hashRefreshToken(raw));

  /** Moves only the clock (Date), keeping timers and ticks real. */
  async function later<T>(seconds: number, act: () => Promise<T>): Promise<T> {
    jest.useFakeTimers({
      now: Date.now() + seconds * 1000,
      doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'setInterval'],
    });
    try {
      return await act();
    } finally {
      jest.useRealTimers();
    }
  }

  it('when a fresh refresh token is presented, then it is spent and a new pair in the same family is issued', async () => {
    const first = await sessions.issue(user, 'family-1', new Date());

    const second = await refresh(first.refreshToken);

    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(stored(first.refreshToken)?.spentAt).toBeInstanceOf(Date);
    expect(stored(first.refreshToken)?.sealedSuccessor).toEqual(expect.any(String));
    expect(stored(first.refreshToken)?.sealedSuccessor).not.toContain(second.refreshToken);
    expect(stored(second.refreshToken)).toMatchObject({ familyId: 'family-1', spentAt: null, revokedAt: null });
  });

  it('when the spent token is presented again within the grace window, then the very same pair comes back and nothing is revoked', async () => {
    const first = await sessions.issue(user, 'family-1', new Date());
    const second = await refresh(first.refreshToken);

    const again = await later(TEST_REFRESH_GRACE_SECONDS - 1, () => refresh(first.refreshToken));

    expect(again).toEqual(second);
    expect(tokens.all()).toHaveLength(2);
    expect(tokens.all().every((t) => t.revokedAt === null)).toBe(true);
    expect(await revocations.isRevoked('family-1')).toBe(false);
  });

  it('when a spent token is presented again after the grace window, then 401 and its whole family is revoked (access tokens too) in a transaction of its own', async () => {
    const first = await sessions.issue(user, 'family-1', new Date());
    await refresh(first.refreshToken);

    await later(TEST_REFRESH_GRACE_SECONDS + 1, () => expect(refresh(first.refreshToken)).rejects.toThrow(InvalidRefreshTokenError));

    expect(tokens.all().every((t) => t.revokedAt !== null)).toBe(true);
    expect(await revocations.isRevoked('family-1')).toBe(true);
    expect(transactions).toMatchObject({ begun: 3, committed: 3 });
  });

  it('when the successor does not open (a forged or corrupted row), then it is treated as re-use', async () => {
    const first = await sessions.issue(user, 'family-1', new Date());
    await refresh(first.refreshToken);
    await tokens.recordSuccessor(stored(first.refreshToken)!.id, 'v1.AAAA.AAAA.AAAA');

    await expect(refresh(first.refreshToken)).rejects.toThrow(InvalidRefreshTokenError);
    expect(tokens.all().every((t) => t.revokedAt !== null)).toBe(true);
  });

  it('when the token is unknown, then 401 and nothing changes', async () => {
    await expect(refresh('not-a-token')).rejects.toThrow(InvalidRefreshTokenError);
    expect(tokens.all()).toHaveLength(0);
  });
});
