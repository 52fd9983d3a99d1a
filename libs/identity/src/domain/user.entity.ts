import { AggregateRoot, invariant, Role, ValidationError } from '@keel/kernel/domain';
import { Email } from './email.value-object';
import { UserRegisteredEvent } from './user-registered.domain-event';

export interface UserProps {
  email: Email;
  name: string;
  passwordHash: string;
  roles: Role[];
  createdAt: Date;
  updatedAt: Date;
}

export const NAME_MAX_LENGTH = 200;

/** A person who can sign in. Every registered user is a customer; admins are granted explicitly. */
export class User extends AggregateRoot {
  private constructor(
    id: string,
    private props: UserProps,
  ) {
    super(id);
    this.validate();
  }

  static register(input: { id: string; email: Email; name: string; passwordHash: string; now: Date }): User {
    const user = new User(input.id, {
      email: input.email,
      name: input.name.trim(),
      passwordHash: input.passwordHash,
      roles: ['customer'],
      createdAt: input.now,
      updatedAt: input.now,
    });
    user.raise(new UserRegisteredEvent(user.id, { email: input.email.value, name: user.name }));
    return user;
  }

  /** Rebuilds a stored user; no events, the facts already happened. */
  static restore(id: string, props: UserProps): User {
    return new User(id, { ...props });
  }

  get email(): Email {
    return this.props.email;
  }
  get name(): string {
    return this.props.name;
  }
  get passwordHash(): string {
    return this.props.passwordHash;
  }
  get roles(): Role[] {
    return [...this.props.roles];
  }
  get createdAt(): Date {
    return this.props.createdAt;
  }
  get updatedAt(): Date {
    return this.props.updatedAt;
  }

  hasRole(role: Role): boolean {
    return this.props.roles.includes(role);
  }

  grantRole(role: Role, now: Date): void {
    if (this.hasRole(role)) return;
    this.props.roles = [...this.props.roles, role];
    this.props.updatedAt = now;
  }

  changePasswordHash(passwordHash: string, now: Date): void {
    this.props.passwordHash = passwordHash;
    this.props.updatedAt = now;
    this.validate();
  }

  private validate(): void {
    const name = this.props.name;
    if (name.length === 0 || name.length > NAME_MAX_LENGTH) {
      throw new ValidationError('Invalid name.', [{ field: 'name', message: `must be 1 to ${NAME_MAX_LENGTH} characters` }]);
    }
    invariant(this.props.passwordHash.length > 0, 'A user always has a password hash');
    invariant(this.props.roles.includes('customer'), 'Every user is a customer');
  }
}
