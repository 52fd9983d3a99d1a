import { AggregateRoot, invariant, Role, ValidationError } from '@keel/kernel/domain';
import { Email } from './email.value-object';
import {
  EmailVerificationRequestedEvent,
  PasswordResetRequestedEvent,
  RegistrationForExistingAccountEvent,
} from './account-email.domain-events';
import { UserRegisteredEvent } from './user-registered.domain-event';

export interface UserProps {
  email: Email;
  name: string;
  passwordHash: string;
  roles: Role[];
  /** Null until the owner of the address used a verification link (or a password reset link). */
  emailVerifiedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const NAME_MAX_LENGTH = 200;

/**
 * One line of printable characters: no control, format (bidi overrides, zero-width)
 * or line/paragraph separator characters. A name is shown to people (emails, admin
 * lists), so it must not be able to forge lines, reorder text or hide content.
 */
export const NAME_PATTERN = /^[^\p{C}\u2028\u2029]+$/u;

/** A person who can sign in. Every registered user is a customer; admins are granted explicitly. */
export class User extends AggregateRoot {
  private constructor(
    id: string,
    private props: UserProps,
  ) {
    super(id);
    this.validate();
  }

  /**
   * A new, unverified customer; raises UserRegistered and asks for the verification
   * email (the link is minted when the email is sent, so no token travels through the outbox).
   */
  static register(input: {
    id: string;
    email: Email;
    name: string;
    passwordHash: string;
    now: Date;
    /** The address is known to be the user's already (the operator's ADMIN_EMAIL): no verification email. */
    emailVerified?: boolean;
  }): User {
    const name = input.name.trim();
    User.assertValidName(name);
    const user = new User(input.id, {
      email: input.email,
      name,
      passwordHash: input.passwordHash,
      roles: ['customer'],
      emailVerifiedAt: input.emailVerified ? input.now : null,
      createdAt: input.now,
      updatedAt: input.now,
    });
    user.raise(new UserRegisteredEvent(user.id, { email: input.email.value, name: user.name }));
    if (!user.emailVerified) user.raise(new EmailVerificationRequestedEvent(user.id, { userId: user.id, email: input.email.value }));
    return user;
  }

  /** Checked when a name is given, not on restore: rows written before the rule still load. */
  static assertValidName(name: string): void {
    if (name.length === 0 || name.length > NAME_MAX_LENGTH || !NAME_PATTERN.test(name)) {
      throw new ValidationError('Invalid name.', [
        { field: 'name', message: `must be one line of 1 to ${NAME_MAX_LENGTH} printable characters` },
      ]);
    }
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
  get emailVerified(): boolean {
    return this.props.emailVerifiedAt !== null;
  }
  get emailVerifiedAt(): Date | null {
    return this.props.emailVerifiedAt;
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

  /** The owner proved they read this address (a verification or password reset link). Idempotent. */
  markEmailVerified(now: Date): void {
    if (this.props.emailVerifiedAt) return;
    this.props.emailVerifiedAt = now;
    this.props.updatedAt = now;
  }

  /** Asks for a new verification email; nothing to send once the address is verified. */
  requestEmailVerification(): boolean {
    if (this.emailVerified) return false;
    this.raise(new EmailVerificationRequestedEvent(this.id, { userId: this.id, email: this.email.value }));
    return true;
  }

  /**
   * Someone registered this address again. The owner is told by email (with a
   * password reset link); the caller gets the same answer as for a new address.
   */
  noteRegistrationAttempt(): void {
    this.raise(new RegistrationForExistingAccountEvent(this.id, { userId: this.id, email: this.email.value }));
  }

  requestPasswordReset(): void {
    this.raise(new PasswordResetRequestedEvent(this.id, { userId: this.id, email: this.email.value }));
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
