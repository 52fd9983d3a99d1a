import { Inject } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import { type AuditActor, AuditTrail } from '@keel/kernel';
import { TransactionalCommandHandler } from '@keel/messaging';
import { randomUUID } from 'node:crypto';
import {
  assertAcceptablePassword,
  Email,
  REFRESH_TOKEN_REPOSITORY,
  type RefreshTokenRepository,
  User,
  USER_REPOSITORY,
  type UserRepository,
} from '../../../domain';
import { PASSWORD_HASHER, type PasswordHasher } from '../../ports/password-hasher.port';
import { EnsureAdminCommand } from './ensure-admin.command';

/**
 * Makes ADMIN_EMAIL/ADMIN_PASSWORD true at boot: creates the admin, or grants
 * the role and resets the password of an existing user. Safe to run on every
 * instance at once (the unique index decides, the loser updates).
 */
@TransactionalCommandHandler(EnsureAdminCommand)
export class EnsureAdminHandler implements ICommandHandler<EnsureAdminCommand> {
  constructor(
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    @Inject(REFRESH_TOKEN_REPOSITORY) private readonly tokens: RefreshTokenRepository,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    private readonly audit: AuditTrail,
  ) {}

  async execute(command: EnsureAdminCommand): Promise<'created' | 'updated'> {
    const email = Email.create(command.email);
    assertAcceptablePassword(command.password, 'ADMIN_PASSWORD');
    const now = new Date();
    const existing = await this.users.findByEmail(email);
    if (!existing) {
      const admin = User.register({
        id: randomUUID(),
        email,
        name: 'Administrator',
        passwordHash: await this.hasher.hash(command.password),
        now,
        // The operator chose this address: the admin never waits for a verification email.
        emailVerified: true,
      });
      admin.grantRole('admin', now);
      await this.users.insert(admin);
      await this.auditRoleGrant(admin.id, ['customer'], admin.roles);
      return 'created';
    }
    const rolesBefore = existing.roles;
    existing.grantRole('admin', now);
    existing.markEmailVerified(now);
    if (!(await this.hasher.verify(existing.passwordHash, command.password))) {
      existing.changePasswordHash(await this.hasher.hash(command.password), now);
      // A changed password ends every existing session.
      await this.tokens.revokeAllForUser(existing.id, now);
    }
    await this.users.update(existing);
    if (existing.roles.length !== rolesBefore.length) await this.auditRoleGrant(existing.id, rolesBefore, existing.roles);
    return 'updated';
  }

  /** Boot work on the operator's configuration: no person is the caller. */
  private auditRoleGrant(userId: string, before: string[], after: string[]): Promise<void> {
    const actor: AuditActor = { id: null, role: 'system' };
    return this.audit.record({
      action: 'user.role-granted',
      target: { type: 'user', id: userId },
      before: { roles: before },
      after: { roles: after },
      actor,
    });
  }
}
