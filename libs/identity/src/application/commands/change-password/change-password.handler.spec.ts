import { InMemoryTransactions } from '@keel/kernel/testing';
import { ValidationError } from '@keel/kernel/domain';
import { Email, loginAccountKey, loginClientKey, RefreshToken, User, UserNotFoundError, WrongCurrentPasswordError } from '../../../domain';
import { AccessTokenRevocations } from '@keel/http';
import { testLoginLockout, testSessionRevoker } from '../../../testing/identity-services';
import { InMemoryLoginThrottleRepository } from '../../../testing/login-throttle.repository.fake';
import { FakePasswordHasher } from '../../../testing/password-hasher.fake';
import { InMemoryRefreshTokenRepository } from '../../../testing/refresh-token.repository.fake';
import { InMemoryUserRepository } from '../../../testing/user.repository.fake';
import { ChangePasswordCommand } from './change-password.command';
import { ChangePasswordHandler } from './change-password.handler';

const OLD = 'correct horse battery';
const NEW = 'another long passphrase';

describe('ChangePasswordHandler', () => {
  let transactions: InMemoryTransactions;
  let users: InMemoryUserRepository;
  let tokens: InMemoryRefreshTokenRepository;
  let throttles: InMemoryLoginThrottleRepository;
  let revocations: AccessTokenRevocations;
  let handler: ChangePasswordHandler;
  const client = { ip: '203.0.113.1' };

  beforeEach(async () => {
    transactions = new InMemoryTransactions();
    users = new InMemoryUserRepository().given(
      User.register({
        id: 'u1',
        email: Email.create('ada@example.com'),
        name: 'Ada',
        passwordHash: FakePasswordHasher.hashOf(OLD),
        now: new Date(),
      }),
    );
    tokens = new InMemoryRefreshTokenRepository();
    await tokens.insert(RefreshToken.issue({ id: 't1', userId: 'u1', familyId: 'f1', tokenHash: 'h1', now: new Date(), ttlSeconds: 60 }));
    throttles = new InMemoryLoginThrottleRepository(transactions);
    revocations = new AccessTokenRevocations();
    handler = new ChangePasswordHandler(
      users,
      testSessionRevoker(tokens, revocations),
      new FakePasswordHasher(),
      testLoginLockout(throttles),
    );
  });

  it('when the current password is right, then the new hash is stored and every session of the user ends, refresh and access tokens', async () => {
    await handler.execute(new ChangePasswordCommand('u1', OLD, NEW, client));

    expect(users.stored('u1')?.passwordHash).toBe(FakePasswordHasher.hashOf(NEW));
    expect(tokens.all().map((t) => t.revokedAt)).toEqual([expect.any(Date)]);
    expect(await revocations.isRevoked('f1')).toBe(true);
    expect(transactions).toMatchObject({ begun: 1, committed: 1 });
  });

  it("when the current password is wrong, then 403, the password stays, and the failure counts towards the calling client's lockout", async () => {
    await expect(handler.execute(new ChangePasswordCommand('u1', 'wrong password!', NEW, client))).rejects.toThrow(
      WrongCurrentPasswordError,
    );

    expect(users.stored('u1')?.passwordHash).toBe(FakePasswordHasher.hashOf(OLD));
    expect(tokens.all()[0].revokedAt).toBeNull();
    expect(await revocations.isRevoked('f1')).toBe(false);
    expect(throttles.stored(loginClientKey('ada@example.com', 'ip:203.0.113.1'))?.failures).toBe(1);
    expect(throttles.stored(loginAccountKey('ada@example.com'))?.failures).toBe(1);
  });

  it('when the new password breaks the policy or the user is gone, then the matching error', async () => {
    await expect(handler.execute(new ChangePasswordCommand('u1', OLD, 'short', client))).rejects.toThrow(ValidationError);
    await expect(handler.execute(new ChangePasswordCommand('nobody', OLD, NEW, client))).rejects.toThrow(UserNotFoundError);
  });
});
