import { AccessTokenRevocations } from '@keel/http';
import { InMemoryAuditTrail, InMemoryTransactions } from '@keel/kernel/testing';
import { ValidationError } from '@keel/kernel/domain';
import { AccountLinks } from '../../account-links.service';
import { LoginLockout } from '../../login-lockout.service';
import type { AuditTrail } from '@keel/kernel';
import { Email, InvalidAccountTokenError, RefreshToken, User } from '../../../domain';
import { InMemoryAccountTokenRepository } from '../../../testing/account-token.repository.fake';
import { testAccountLinks, testLoginLockout, testSessionRevoker } from '../../../testing/identity-services';
import { InMemoryLoginThrottleRepository } from '../../../testing/login-throttle.repository.fake';
import { FakePasswordHasher } from '../../../testing/password-hasher.fake';
import { InMemoryRefreshTokenRepository } from '../../../testing/refresh-token.repository.fake';
import { InMemoryUserRepository } from '../../../testing/user.repository.fake';
import { ConfirmPasswordResetCommand } from './confirm-password-reset.command';
import { ConfirmPasswordResetHandler } from './confirm-password-reset.handler';

const NEW = 'a brand new passphrase';
const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;

describe('ConfirmPasswordResetHandler', () => {
  let users: InMemoryUserRepository;
  let refreshTokens: InMemoryRefreshTokenRepository;
  let accountTokens: InMemoryAccountTokenRepository;
  let links: AccountLinks;
  let lockout: LoginLockout;
  let revocations: AccessTokenRevocations;
  let audit: InMemoryAuditTrail;
  let handler: ConfirmPasswordResetHandler;

  beforeEach(async () => {
    users = new InMemoryUserRepository().given(
      User.register({ id: 'u1', email: Email.create('ada@example.com'), name: 'Ada', passwordHash: 'old', now: new Date() }),
    );
    refreshTokens = new InMemoryRefreshTokenRepository();
    await refreshTokens.insert(
      RefreshToken.issue({ id: 't1', userId: 'u1', familyId: 'f1', tokenHash: 'h1', now: new Date(), ttlSeconds: 60 }),
    );
    await refreshTokens.insert(
      RefreshToken.issue({ id: 't2', userId: 'u1', familyId: 'f2', tokenHash: 'h2', now: new Date(), ttlSeconds: 60 }),
    );
    accountTokens = new InMemoryAccountTokenRepository();
    links = testAccountLinks(accountTokens);
    lockout = testLoginLockout(new InMemoryLoginThrottleRepository(new InMemoryTransactions()));
    revocations = new AccessTokenRevocations();
    audit = new InMemoryAuditTrail();
    handler = new ConfirmPasswordResetHandler(
      users,
      new FakePasswordHasher(),
      links,
      testSessionRevoker(refreshTokens, revocations),
      lockout,
      audit as unknown as AuditTrail,
    );
  });

  it('when the token is valid, then the password changes, every session ends (refresh and access tokens), every lockout of the account is lifted, the address is verified and the reset is audited', async () => {
    const stranger = { email: 'ada@example.com', client: { ip: '203.0.113.9' }, knownDevice: false };
    for (let i = 0; i < 5; i++) await lockout.recordFailure(stranger);
    await expect(lockout.admit('ada@example.com', 'u1', { ip: '203.0.113.9' })).rejects.toThrow();
    const { url } = await links.issue('u1', 'reset-password');

    await handler.execute(new ConfirmPasswordResetCommand(tokenOf(url), NEW));

    expect(users.stored('u1')).toMatchObject({ passwordHash: FakePasswordHasher.hashOf(NEW), emailVerified: true });
    expect(refreshTokens.all().every((t) => t.revokedAt !== null)).toBe(true);
    expect([await revocations.isRevoked('f1'), await revocations.isRevoked('f2')]).toEqual([true, true]);
    await expect(lockout.admit('ada@example.com', 'u1', { ip: '203.0.113.9' })).resolves.toBeDefined();
    expect(audit.entries).toEqual([
      expect.objectContaining({
        action: 'user.password-reset',
        target: { type: 'user', id: 'u1' },
        actor: { id: 'u1', role: 'customer' },
      }),
    ]);
    expect(JSON.stringify(audit.entries)).not.toContain(NEW);
  });

  it('when the token is invalid, then nothing is audited and no session ends', async () => {
    await expect(handler.execute(new ConfirmPasswordResetCommand('not-a-token', NEW))).rejects.toThrow(InvalidAccountTokenError);
    expect(audit.entries).toEqual([]);
    expect(await revocations.isRevoked('f1')).toBe(false);
  });

  it('when the token is used a second time, then InvalidAccountTokenError and the password stays', async () => {
    const { url } = await links.issue('u1', 'reset-password');
    await handler.execute(new ConfirmPasswordResetCommand(tokenOf(url), NEW));

    await expect(handler.execute(new ConfirmPasswordResetCommand(tokenOf(url), 'yet another passphrase'))).rejects.toThrow(
      InvalidAccountTokenError,
    );
    expect(users.stored('u1')?.passwordHash).toBe(FakePasswordHasher.hashOf(NEW));
  });

  it('when one reset link is used, then the older ones of the user die too', async () => {
    const first = await links.issue('u1', 'reset-password');
    const second = await links.issue('u1', 'reset-password');
    await handler.execute(new ConfirmPasswordResetCommand(tokenOf(second.url), NEW));

    await expect(handler.execute(new ConfirmPasswordResetCommand(tokenOf(first.url), NEW))).rejects.toThrow(InvalidAccountTokenError);
  });

  it('when the token is expired, unknown or a verification token, then InvalidAccountTokenError (a 400)', async () => {
    const verification = await links.issue('u1', 'verify-email');
    const expired = await links.issue('u1', 'reset-password', new Date(Date.now() - 31 * 60_000));

    for (const token of [tokenOf(expired.url), 'not-a-token', tokenOf(verification.url)]) {
      const attempt = handler.execute(new ConfirmPasswordResetCommand(token, NEW));
      await expect(attempt).rejects.toThrow(InvalidAccountTokenError);
      await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    }
    expect(users.stored('u1')?.passwordHash).toBe('old');
  });

  it('when the new password is too short, then a validation error and the token is not spent', async () => {
    const { url } = await links.issue('u1', 'reset-password');
    await expect(handler.execute(new ConfirmPasswordResetCommand(tokenOf(url), 'short'))).rejects.toThrow(ValidationError);
    await handler.execute(new ConfirmPasswordResetCommand(tokenOf(url), NEW));
    expect(users.stored('u1')?.passwordHash).toBe(FakePasswordHasher.hashOf(NEW));
  });
});
