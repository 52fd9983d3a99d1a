import { InMemoryAuditTrail } from '@keel/kernel/testing';
import { Email, RefreshToken, User } from '../../../domain';
import { FakePasswordHasher } from '../../../testing/password-hasher.fake';
import { InMemoryRefreshTokenRepository } from '../../../testing/refresh-token.repository.fake';
import { InMemoryUserRepository } from '../../../testing/user.repository.fake';
import { EnsureAdminCommand } from './ensure-admin.command';
import { EnsureAdminHandler } from './ensure-admin.handler';

const PASSWORD = 'admin passphrase!';

describe('EnsureAdminHandler', () => {
  let users: InMemoryUserRepository;
  let tokens: InMemoryRefreshTokenRepository;
  let audit: InMemoryAuditTrail;
  let handler: EnsureAdminHandler;

  beforeEach(() => {
    users = new InMemoryUserRepository();
    tokens = new InMemoryRefreshTokenRepository();
    audit = new InMemoryAuditTrail();
    handler = new EnsureAdminHandler(users, tokens, new FakePasswordHasher(), audit);
  });

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

  it('when a customer has the email with another password, then the role is granted, the password reset and the sessions ended', async () => {
    users.given(
      User.register({ id: 'u1', email: Email.create('root@example.com'), name: 'Root', passwordHash: 'hashed:old', now: new Date() }),
    );
    await tokens.insert(RefreshToken.issue({ id: 't1', userId: 'u1', familyId: 'f1', tokenHash: 'h', now: new Date(), ttlSeconds: 60 }));

    expect(await handler.execute(new EnsureAdminCommand('root@example.com', PASSWORD))).toBe('updated');

    expect(users.stored('u1')).toMatchObject({ roles: ['customer', 'admin'], passwordHash: FakePasswordHasher.hashOf(PASSWORD) });
    expect(tokens.all()[0].revokedAt).toBeInstanceOf(Date);
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
    const admin = User.register({
      id: 'u1',
      email: Email.create('root@example.com'),
      name: 'Root',
      passwordHash: 'hashed:old',
      now: new Date(),
    });
    admin.grantRole('admin', new Date());
    users.given(admin);

    await handler.execute(new EnsureAdminCommand('root@example.com', PASSWORD));

    expect(audit.entries).toEqual([]);
  });

  it('when the admin already has that password, then its sessions are left alone', async () => {
    users.given(
      User.register({
        id: 'u1',
        email: Email.create('root@example.com'),
        name: 'Root',
        passwordHash: FakePasswordHasher.hashOf(PASSWORD),
        now: new Date(),
      }),
    );
    await tokens.insert(RefreshToken.issue({ id: 't1', userId: 'u1', familyId: 'f1', tokenHash: 'h', now: new Date(), ttlSeconds: 60 }));

    expect(await handler.execute(new EnsureAdminCommand('root@example.com', PASSWORD))).toBe('updated');

    expect(tokens.all()[0].revokedAt).toBeNull();
  });
});
