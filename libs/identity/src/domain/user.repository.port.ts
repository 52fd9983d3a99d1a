import type { Email } from './email.value-object';
import type { User } from './user.entity';

export const USER_REPOSITORY = Symbol('UserRepository');

export interface UserRepository {
  findById(id: string): Promise<User | null>;
  findByEmail(email: Email): Promise<User | null>;
  /** Throws EmailAlreadyRegisteredError when the email is taken (also under races). */
  insert(user: User): Promise<void>;
  /**
   * Inserts unless the email is taken (also by a concurrent transaction, once it
   * commits): false then, and the user's events are dropped. No error, so the
   * caller's transaction stays usable.
   */
  insertIfEmailFree(user: User): Promise<boolean>;
  update(user: User): Promise<void>;
  /** Newest first, strictly after the given position (keyset pagination). */
  list(options: { limit: number; after?: { createdAt: Date; id: string } }): Promise<User[]>;
}
