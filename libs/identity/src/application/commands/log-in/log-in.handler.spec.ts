import { InMemoryAuditTrail, InMemoryTransactions } from '@keel/kernel/testing';
import { AccountLockedError, Email, InvalidCredentialsError, loginAccountKey, loginClientKey, User } from '../../../domain';
import { testAccessTokens, testLoginLockout, testSessionIssuer, TEST_LOCKOUT } from '../../../testing/identity-services';
import { InMemoryLoginDeviceRepository } from '../../../testing/login-device.repository.fake';
import { InMemoryLoginThrottleRepository } from '../../../testing/login-throttle.repository.fake';
import { FakePasswordHasher } from '../../../testing/password-hasher.fake';
import { InMemoryRefreshTokenRepository } from '../../../testing/refresh-token.repository.fake';
import { InMemoryUserRepository } from '../../../testing/user.repository.fake';
import type { LoginClient } from '../../login-lockout.service';
import { hashRefreshToken } from '../../session-issuer.service';
import { LogInCommand } from './log-in.command';
import { LogInHandler } from './log-in.handler';

const PASSWORD = 'correct horse battery';
const WRONG = 'wrong password!';
const stranger = (n: number): LoginClient => ({ ip: `203.0.113.${n}` });

describe('LogInHandler', () => {
  let transactions: InMemoryTransactions;
  let hasher: FakePasswordHasher;
  let tokens: InMemoryRefreshTokenRepository;
  let throttles: InMemoryLoginThrottleRepository;
  let audit: InMemoryAuditTrail;
  let users: InMemoryUserRepository;
  let devices: InMemoryLoginDeviceRepository;
  let handler: LogInHandler;
  const accessTokens = testAccessTokens();

  beforeEach(() => {
    transactions = new InMemoryTransactions();
    hasher = new FakePasswordHasher();
    tokens = new InMemoryRefreshTokenRepository();
    throttles = new InMemoryLoginThrottleRepository(transactions);
    devices = new InMemoryLoginDeviceRepository();
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
    handler = new LogInHandler(users, hasher, testSessionIssuer(tokens, accessTokens), testLoginLockout(throttles, devices), audit);
  });

  const logIn = (password: string, client: LoginClient, email = 'ada@example.com') =>
    handler.execute(new LogInCommand(email, password, client));

  it('when the password is right, then an access token naming its session, a stored refresh token and a new remembered device, in one transaction', async () => {
    const { pair, deviceId } = await logIn(PASSWORD, stranger(1));

    expect(await accessTokens.verify(pair.accessToken)).toMatchObject({ id: 'u1', email: 'ada@example.com', roles: ['customer'] });
    expect(pair).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(tokens.all().map((t) => t.tokenHash)).toEqual([hashRefreshToken(pair.refreshToken)]);
    expect((await accessTokens.verify(pair.accessToken)).sessionId).toBe(tokens.all()[0].familyId);
    expect(deviceId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(devices.count()).toBe(1);
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

    await logIn(PASSWORD, stranger(1), 'root@example.com');

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

    await expect(logIn('wrong password!', stranger(1), 'root@example.com')).rejects.toThrow(InvalidCredentialsError);
    expect(audit.entries).toEqual([]);
  });

  it('when a client that logged in before comes back with its device id, then it keeps that id', async () => {
    const { deviceId } = await logIn(PASSWORD, stranger(1));
    expect((await logIn(PASSWORD, { ip: '198.51.100.9', deviceId })).deviceId).toBe(deviceId);
    expect(devices.count()).toBe(1);
  });

  it('when the email is unknown, then the same 401 as a wrong password, after the dummy verification, and the failure counts for the client and the account', async () => {
    await expect(logIn(PASSWORD, stranger(1), 'nobody@example.com')).rejects.toThrow(InvalidCredentialsError);

    expect(hasher.dummyVerifications).toBe(1);
    expect(throttles.stored(loginClientKey('nobody@example.com', 'ip:203.0.113.1'))?.failures).toBe(1);
    expect(throttles.stored(loginAccountKey('nobody@example.com'))?.failures).toBe(1);
    expect(tokens.all()).toHaveLength(0);
  });

  it('when one client reaches the threshold, then that client is refused even the right password, and another client is not', async () => {
    for (let i = 0; i < TEST_LOCKOUT.threshold; i++) await expect(logIn(WRONG, stranger(1))).rejects.toThrow(InvalidCredentialsError);

    await expect(logIn(PASSWORD, stranger(1))).rejects.toThrow(AccountLockedError);
    expect(tokens.all()).toHaveLength(0);
    await expect(logIn(PASSWORD, stranger(2))).resolves.toMatchObject({ pair: { tokenType: 'Bearer' } });
  });

  it('when many strangers flood one account, then every stranger is slowed down, but a device that logged in before still gets in', async () => {
    const { deviceId } = await logIn(PASSWORD, stranger(200));
    for (let i = 0; i < TEST_LOCKOUT.floodThreshold; i++) await expect(logIn(WRONG, stranger(i))).rejects.toThrow(InvalidCredentialsError);

    // A new stranger with the right password (or the owner on a new device) waits for the slow-down to pass.
    await expect(logIn(PASSWORD, stranger(100))).rejects.toThrow(AccountLockedError);
    // The known device, even from another address: in.
    await expect(logIn(PASSWORD, { ip: '192.0.2.1', deviceId })).resolves.toMatchObject({ deviceId });
    // A device id that never logged into this account is a stranger, whatever it claims.
    await expect(logIn(PASSWORD, { ip: '192.0.2.2', deviceId: 'a-device-that-never-logged-in' })).rejects.toThrow(AccountLockedError);
  });

  it("when a known device types wrong passwords, then only that device's own lock applies to it, and it does not feed the flood counter", async () => {
    const { deviceId } = await logIn(PASSWORD, stranger(1));
    for (let i = 0; i < TEST_LOCKOUT.threshold; i++) {
      await expect(logIn(WRONG, { ip: '192.0.2.1', deviceId })).rejects.toThrow(InvalidCredentialsError);
    }
    await expect(logIn(PASSWORD, { ip: '192.0.2.1', deviceId })).rejects.toThrow(AccountLockedError);
    expect(throttles.stored(loginAccountKey('ada@example.com'))).toBeUndefined();
  });

  it('when the account is unlocked (password reset), then every lock of the account is gone', async () => {
    for (let i = 0; i < TEST_LOCKOUT.floodThreshold; i++) await expect(logIn(WRONG, stranger(i % 2))).rejects.toThrow();
    await expect(logIn(PASSWORD, stranger(9))).rejects.toThrow(AccountLockedError);
    await expect(logIn(PASSWORD, stranger(0))).rejects.toThrow(AccountLockedError);

    await testLoginLockout(throttles, devices).unlockAccount('ADA@example.com');

    expect(throttles.keys()).toEqual([]);
    await expect(logIn(PASSWORD, stranger(0))).resolves.toMatchObject({ pair: { tokenType: 'Bearer' } });
  });
});
