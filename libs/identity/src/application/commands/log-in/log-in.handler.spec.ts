import { InMemoryAuditTrail, InMemoryTransactions } from '@keel/kernel/testing';
import { AccountLockedError, Email, InvalidCredentialsError, loginAccountKey, User } from '../../../domain';
import { testAccessTokens, testLoginLockout, testSessionIssuer, TEST_LOCKOUT } from '../../../testing/identity-services';
import { InMemoryLoginThrottleRepository } from '../../../testing/login-throttle.repository.fake';
import { FakePasswordHasher } from '../../../testing/password-hasher.fake';
import { InMemoryRefreshTokenRepository } from '../../../testing/refresh-token.repository.fake';
import { InMemoryUserRepository } from '../../../testing/user.repository.fake';
import { hashRefreshToken } from '../../session-issuer.service';
import { LogInCommand } from './log-in.command';
import { LogInHandler } from './log-in.handler';

const PASSWORD = 'correct horse battery';

describe('LogInHandler', () => {
  let transactions: InMemoryTransactions;
  let hasher: FakePasswordHasher;
  let tokens: InMemoryRefreshTokenRepository;
  let throttles: InMemoryLoginThrottleRepository;
  let audit: InMemoryAuditTrail;
  let users: InMemoryUserRepository;
  let handler: LogInHandler;
  const accessTokens = testAccessTokens();

  beforeEach(() => {
    transactions = new InMemoryTransactions();
    hasher = new FakePasswordHasher();
    tokens = new InMemoryRefreshTokenRepository();
    throttles = new InMemoryLoginThrottleRepository(transactions);
    users = new InMemoryUserRepository().given(
      User.register({
        id: 'u1',
        email: Email.create('ada@example.com'),
        name: 'Ada',
        passwordHash: FakePasswordHasher.hashOf(PASSWORD),
        now: new Date(),
      }),
    );
    audit = new InMemoryAuditTrail(transactions);
    handler = new LogInHandler(users, hasher, testSessionIssuer(tokens, accessTokens), testLoginLockout(throttles), audit);
  });

  it('when the password is right, then an access token for the user and a stored refresh token are returned, in one transaction', async () => {
    const pair = await handler.execute(new LogInCommand('Ada@Example.com', PASSWORD));

    expect(await accessTokens.verify(pair.accessToken)).toMatchObject({ id: 'u1', email: 'ada@example.com', roles: ['customer'] });
    expect(pair).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(tokens.all().map((t) => t.tokenHash)).toEqual([hashRefreshToken(pair.refreshToken)]);
    expect(transactions).toMatchObject({ begun: 1, committed: 1 });
    expect(audit.entries).toEqual([]); // a customer's login is not an audited action
  });

  it('when an admin logs in, then admin.logged-in is audited in the session’s transaction, the admin as actor', async () => {
    const admin = User.register({
      id: 'a1',
      email: Email.create('root@example.com'),
      name: 'Root',
      passwordHash: FakePasswordHasher.hashOf(PASSWORD),
      now: new Date(),
    });
    admin.grantRole('admin', new Date());
    users.given(admin);

    await handler.execute(new LogInCommand('root@example.com', PASSWORD));

    expect(audit.entries).toEqual([
      {
        action: 'admin.logged-in',
        target: { type: 'user', id: 'a1' },
        actor: { id: 'a1', role: 'admin' },
        transaction: { id: 1, savepoint: 0 },
      },
    ]);
  });

  it('when an admin’s password is wrong, then nothing is audited as a login', async () => {
    const admin = User.register({
      id: 'a1',
      email: Email.create('root@example.com'),
      name: 'Root',
      passwordHash: FakePasswordHasher.hashOf(PASSWORD),
      now: new Date(),
    });
    admin.grantRole('admin', new Date());
    users.given(admin);

    await expect(handler.execute(new LogInCommand('root@example.com', 'wrong password!'))).rejects.toThrow(InvalidCredentialsError);
    expect(audit.entries).toEqual([]);
  });

  it('when the email is unknown, then the same 401 as a wrong password, after the dummy verification, and the failure counts', async () => {
    await expect(handler.execute(new LogInCommand('nobody@example.com', PASSWORD))).rejects.toThrow(InvalidCredentialsError);

    expect(hasher.dummyVerifications).toBe(1);
    expect(throttles.stored(loginAccountKey('nobody@example.com'))?.failures).toBe(1);
    expect(tokens.all()).toHaveLength(0);
  });

  it('when wrong passwords reach the threshold, then the failures survive the failed requests and even the right password is refused', async () => {
    for (let i = 0; i < TEST_LOCKOUT.threshold; i++) {
      await expect(handler.execute(new LogInCommand('ada@example.com', 'wrong password!'))).rejects.toThrow(InvalidCredentialsError);
    }

    await expect(handler.execute(new LogInCommand('ada@example.com', PASSWORD))).rejects.toThrow(AccountLockedError);
    expect(tokens.all()).toHaveLength(0);
  });
});
