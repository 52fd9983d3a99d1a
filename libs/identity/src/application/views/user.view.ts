import type { Role } from '@keel/kernel/domain';
import type { User } from '../../domain';

/** The public shape of a user (contract: `{id, email, name, roles, createdAt}`). */
export interface UserView {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  createdAt: string;
}

export const toUserView = (user: User): UserView => ({
  id: user.id,
  email: user.email.value,
  name: user.name,
  roles: user.roles,
  createdAt: user.createdAt.toISOString(),
});
