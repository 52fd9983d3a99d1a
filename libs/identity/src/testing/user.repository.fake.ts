import { InMemoryAggregateStore } from '@keel/kernel/testing';
import { type Email, EmailAlreadyRegisteredError, User, type UserRepository } from '../domain';

/** A copy, as a database read returns: a handler that changes a user without saving it changes nothing stored. */
const copy = (user: User): User =>
  User.restore(user.id, {
    email: user.email,
    name: user.name,
    passwordHash: user.passwordHash,
    roles: user.roles,
    emailVerifiedAt: user.emailVerifiedAt,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  });

/** UserRepository in memory: saves publish the user's events to `outbox`, like UserTypeOrmRepository. */
export class InMemoryUserRepository implements UserRepository {
  readonly store = new InMemoryAggregateStore<User>();
  readonly outbox = this.store.outbox;

  /** Arranges a stored user without publishing its events (they are not what the test is about). */
  given(...users: User[]): this {
    this.store.arrange(...users);
    return this;
  }

  /** What is stored now (a copy). */
  stored(id: string): User | undefined {
    const user = this.store.get(id);
    return user && copy(user);
  }

  async findById(id: string): Promise<User | null> {
    return this.stored(id) ?? null;
  }

  async findByEmail(email: Email): Promise<User | null> {
    const user = this.store.all().find((u) => u.email.equals(email));
    return user ? copy(user) : null;
  }

  async insert(user: User): Promise<void> {
    // The unique index users_email_key.
    if (this.store.all().some((u) => u.email.equals(user.email))) throw new EmailAlreadyRegisteredError();
    await this.store.save(user);
  }

  async insertIfEmailFree(user: User): Promise<boolean> {
    if (this.store.all().some((u) => u.email.equals(user.email))) {
      user.pullEvents();
      return false;
    }
    await this.store.save(user);
    return true;
  }

  async update(user: User): Promise<void> {
    await this.store.save(user);
  }

  async list(options: { limit: number; after?: { createdAt: Date; id: string } }): Promise<User[]> {
    const newestFirst = (a: User, b: User) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
    const after = options.after;
    return this.store
      .all()
      .filter((u) => !after || u.createdAt < after.createdAt || (u.createdAt.getTime() === after.createdAt.getTime() && u.id < after.id))
      .sort(newestFirst)
      .slice(0, options.limit)
      .map(copy);
  }
}
