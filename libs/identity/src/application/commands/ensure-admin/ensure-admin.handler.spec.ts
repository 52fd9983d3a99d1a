import { InMemoryAuditTrail } from '@keel/kernel/testing';
import { AccessTokenRevocations } from '@keel/http';
import { Email, RefreshToken, User } from '../../../domain';
import { InMemoryAdminPasswordResetRepository } from '../../../testing/admin-password-reset.repository.fake';
import { testSessionRevoker } from '../../../testing/identity-services';
import { FakePasswordHasher } from '../../../testing/password-hasher.fake';
import { InMemoryRefreshTokenRepository } from '../../../testing/refresh-token.repository.fake';
import { InMemoryUserRepository } from '../../../testing/user.repository.fake';
import { EnsureAdminCommand } from './ensure-admin.command';
import { EnsureAdminHandler } from './ensure-admin.handler';

const PASSWORD = 'admin passphrase!';
const CHANGED = 'changed by the admin later';

describe('EnsureAdminHandler', () => {
  let users: InMemoryUserRepository;
  let tokens: InMemoryRefreshTokenRepository;
  let audit: InMemoryAuditTrail;
  let revocations: AccessTokenRevocations;
  let handler: EnsureAdminHandler;

  beforeEach(() => {
    users = new InMemoryUserRepository();
    tokens = new InMemoryRefreshTokenRepository();
    audit = new InMemoryAuditTrail();
    revocations = new AccessTokenRevocations();
    handler = new EnsureAdminHandler(
      users,
      new InMemoryAdminPasswordResetRepository(),
      new FakePasswordHasher(),
      testSessionRevoker(tokens, revocations),
      audit,
    );
  });

  const given = async (roles: 'customer' | 'admin', passwordHash: string) => {
    const user = User.register({ id: 'u1', email: Email.create('root@example.com'), name: 'Root', passwordHash, now: new Date() });
    if (roles === 'admin') user.grantRole('admin', new Date());
    users.given(user);
    await tokens.insert(RefreshToken.issue({ id: 't1', userId: 'u1', familyId: 'f1', tokenHash: 'h', now: new Date(), ttlSeconds: 60 }));
  };
  const ensure = (reset = false) => handler.execute(new EnsureAdminCommand('root@example.com', PASSWORD, reset));
  const changeByAdmin = () => {
    const admin = users.stored('u1')!;
    admin.changePasswordHash(FakePasswordHasher.hashOf(CHANGED), new Date());
    return users.update(admin);
  };

  it('when no user has the email, then an admin is created with the password and announced as registered', async () => {
    expect(await handler.execute(new EnsureAdminCommand('Root@Example.com', PASSWORD))).toBe('created');

    const [admin] = users.store.all();
    expect(admin.roles).toEqual(['customer', 'admin']);
    expect(admin.passwordHash).toBe(FakePasswordHasher.hashOf(PASSWORD));
    expect(admin.emailVerified).toBe(true);
    // Verified from the start: no verification email is asked for.
    expect(users.outbox.names).toEqual(['identity.user-registered']);
    expect(audit.entries).toEqual([
      expect.objectContaining({
        action: 'user.role-granted',
        target: { type: 'user', id: admin.id },
        before: { roles: ['customer'] },
        after: { roles: ['customer', 'admin'] },
        actor: { id: null, role: 'system' },
      }),
    ]);
  });

  it('when the admin exists with a password it changed, then that password is kept and its sessions live on', async () => {
    await given('admin', FakePasswordHasher.hashOf(CHANGED));

    expect(await ensure()).toBe('kept');

    expect(users.stored('u1')?.passwordHash).toBe(FakePasswordHasher.hashOf(CHANGED));
    expect(tokens.all()[0].revokedAt).toBeNull();
  });

  it('when a customer had registered the email, then it becomes the admin only with ADMIN_PASSWORD, its sessions ended', async () => {
    await given('customer', 'hashed:squatter');

    expect(await ensure()).toBe('promoted');

    expect(users.stored('u1')).toMatchObject({ roles: ['customer', 'admin'], passwordHash: FakePasswordHasher.hashOf(PASSWORD) });
    expect(tokens.all()[0].revokedAt).toBeInstanceOf(Date);
    expect(await revocations.isRevoked('f1')).toBe(true);
    expect(audit.entries).toEqual([
      expect.objectContaining({
        action: 'user.role-granted',
        target: { type: 'user', id: 'u1' },
        before: { roles: ['customer'] },
        after: { roles: ['customer', 'admin'] },
      }),
    ]);
  });

  it('when the user is already an admin, then no role change is audited', async () => {
    await given('admin', 'hashed:old');

    await ensure();

    expect(audit.entries).toEqual([]);
  });

  it('when ADMIN_PASSWORD_RESET is set, then the password is reset once; a later change by the admin survives the flag left set', async () => {
    await given('admin', FakePasswordHasher.hashOf(CHANGED));

    expect(await ensure(true)).toBe('password-reset');
    expect(users.stored('u1')?.passwordHash).toBe(FakePasswordHasher.hashOf(PASSWORD));
    expect(tokens.all()[0].revokedAt).toBeInstanceOf(Date);

    await changeByAdmin();
    expect(await ensure(true)).toBe('kept');
    expect(users.stored('u1')?.passwordHash).toBe(FakePasswordHasher.hashOf(CHANGED));
  });

  it('when ADMIN_PASSWORD_RESET is set but the admin already has that password, then nothing changes, and a later change still survives', async () => {
    await given('admin', FakePasswordHasher.hashOf(PASSWORD));

    expect(await ensure(true)).toBe('kept');
    expect(tokens.all()[0].revokedAt).toBeNull();

    await changeByAdmin();
    expect(await ensure(true)).toBe('kept');
    expect(users.stored('u1')?.passwordHash).toBe(FakePasswordHasher.hashOf(CHANGED));
  });
});
