import { isRole } from '@keel/kernel/domain';
import { Email, User } from '../../domain';
import { UserOrmEntity } from './user.orm-entity';

export const UserMapper = {
  toDomain(row: UserOrmEntity): User {
    return User.restore(row.id, {
      email: Email.create(row.email),
      name: row.name,
      passwordHash: row.passwordHash,
      roles: row.roles.filter(isRole),
      emailVerifiedAt: row.emailVerifiedAt,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    });
  },
  toPersistence(user: User): Omit<UserOrmEntity, 'version'> {
    return {
      id: user.id,
      email: user.email.value,
      name: user.name,
      passwordHash: user.passwordHash,
      roles: user.roles,
      emailVerifiedAt: user.emailVerifiedAt,
      createdAt: user.createdAt,
      updatedAt: user.updatedAt,
    };
  },
};
