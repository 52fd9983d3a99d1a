import type { Email } from './email.value-object';
import type { User } from './user.entity';

export const USER_REPOSITORY = Symbol('UserRepository');

export interface UserRepository {
  findById(id: string): Promise<User | null>;
  findByEmail(email: Email): Promise<User | null>;
  /** Throws EmailAlreadyRegisteredError when the email is taken (also under races). */
  insert(user: User): Promise<void>;
  update(user: User): Promise<void>;
  /** Newest first, strictly after the given position (keyset pagination). */
  list(options: { limit: number; after?: { createdAt: Date; id: string } }): Promise<User[]>;
}
