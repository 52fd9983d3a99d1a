import { InMemoryTransactions } from '@keel/kernel/testing';
import { Email, InvalidRefreshTokenError, User } from '../../../domain';
import { testSessionIssuer } from '../../../testing/identity-services';
import { InMemoryRefreshTokenRepository } from '../../../testing/refresh-token.repository.fake';
import { InMemoryUserRepository } from '../../../testing/user.repository.fake';
import { hashRefreshToken, type SessionIssuer } from '../../session-issuer.service';
import { RefreshSessionCommand } from './refresh-session.command';
import { RefreshSessionHandler } from './refresh-session.handler';

describe('RefreshSessionHandler', () => {
  let transactions: InMemoryTransactions;
  let tokens: InMemoryRefreshTokenRepository;
  let sessions: SessionIssuer;
  let handler: RefreshSessionHandler;
  let user: User;

  beforeEach(() => {
    transactions = new InMemoryTransactions();
    tokens = new InMemoryRefreshTokenRepository();
    user = User.register({ id: 'u1', email: Email.create('ada@example.com'), name: 'Ada', passwordHash: 'h', now: new Date() });
    sessions = testSessionIssuer(tokens);
    handler = new RefreshSessionHandler(tokens, new InMemoryUserRepository().given(user), sessions);
  });

  it('when a fresh refresh token is presented, then it is spent and a new pair in the same family is issued', async () => {
    const first = await sessions.issue(user, 'family-1', new Date());

    const second = await handler.execute(new RefreshSessionCommand(first.refreshToken));

    const stored = (raw: string) => tokens.all().find((t) => t.tokenHash === hashRefreshToken(raw));
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(stored(first.refreshToken)?.spentAt).toBeInstanceOf(Date);
    expect(stored(second.refreshToken)).toMatchObject({ familyId: 'family-1', spentAt: null, revokedAt: null });
  });

  it('when a spent token is presented again, then 401 and its whole family is revoked in a transaction of its own', async () => {
    const first = await sessions.issue(user, 'family-1', new Date());
    await handler.execute(new RefreshSessionCommand(first.refreshToken));

    await expect(handler.execute(new RefreshSessionCommand(first.refreshToken))).rejects.toThrow(InvalidRefreshTokenError);

    expect(tokens.all().every((t) => t.revokedAt !== null)).toBe(true);
    expect(transactions).toMatchObject({ begun: 3, committed: 3 });
  });

  it('when the token is unknown, then 401 and nothing changes', async () => {
    await expect(handler.execute(new RefreshSessionCommand('not-a-token'))).rejects.toThrow(InvalidRefreshTokenError);
    expect(tokens.all()).toHaveLength(0);
  });
});
