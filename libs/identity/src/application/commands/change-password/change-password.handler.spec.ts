import { InMemoryTransactions } from '@keel/kernel/testing';
import { ValidationError } from '@keel/kernel/domain';
import { Email, loginAccountKey, RefreshToken, User, UserNotFoundError, WrongCurrentPasswordError } from '../../../domain';
import { testLoginLockout } from '../../../testing/identity-services';
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
  let handler: ChangePasswordHandler;

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
    handler = new ChangePasswordHandler(users, tokens, new FakePasswordHasher(), testLoginLockout(throttles));
  });

  it('when the current password is right, then the new hash is stored and every refresh token of the user is revoked', async () => {
    await handler.execute(new ChangePasswordCommand('u1', OLD, NEW));

    expect(users.stored('u1')?.passwordHash).toBe(FakePasswordHasher.hashOf(NEW));
    expect(tokens.all().map((t) => t.revokedAt)).toEqual([expect.any(Date)]);
    expect(transactions).toMatchObject({ begun: 1, committed: 1 });
  });

  it('when the current password is wrong, then 403, the password stays, and the failure counts towards the lockout', async () => {
    await expect(handler.execute(new ChangePasswordCommand('u1', 'wrong password!', NEW))).rejects.toThrow(WrongCurrentPasswordError);

    expect(users.stored('u1')?.passwordHash).toBe(FakePasswordHasher.hashOf(OLD));
    expect(tokens.all()[0].revokedAt).toBeNull();
    expect(throttles.stored(loginAccountKey('ada@example.com'))?.failures).toBe(1);
  });

  it('when the new password breaks the policy or the user is gone, then the matching error', async () => {
    await expect(handler.execute(new ChangePasswordCommand('u1', OLD, 'short'))).rejects.toThrow(ValidationError);
    await expect(handler.execute(new ChangePasswordCommand('nobody', OLD, NEW))).rejects.toThrow(UserNotFoundError);
  });
});
