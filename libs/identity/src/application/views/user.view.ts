import type { Role } from '@keel/kernel/domain';
import type { User } from '../../domain';

/** The public shape of a user (contract: `{id, email, name, roles, emailVerified, createdAt}`). */
export interface UserView {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  emailVerified: boolean;
  createdAt: string;
}

export const toUserView = (user: User): UserView => ({
  id: user.id,
  email: user.email.value,
  name: user.name,
  roles: user.roles,
  emailVerified: user.emailVerified,
  createdAt: user.createdAt.toISOString(),
});
