import { ConflictError, ForbiddenError, NotFoundError, RateLimitedError, UnauthenticatedError, ValidationError } from '@keel/kernel/domain';

export class EmailAlreadyRegisteredError extends ConflictError {
  override readonly code = 'email-taken';
  constructor() {
    super('An account with this email already exists.');
  }
}

/** Deliberately the same for "no such user" and "wrong password": no account enumeration. */
export class InvalidCredentialsError extends UnauthenticatedError {
  override readonly code = 'invalid-credentials';
  constructor() {
    super('The email or password is incorrect.');
  }
}

export class InvalidRefreshTokenError extends UnauthenticatedError {
  override readonly code = 'invalid-refresh-token';
  constructor() {
    super('The refresh token is invalid, expired or already used.');
  }
}

export class UserNotFoundError extends NotFoundError {
  override readonly code = 'user-not-found';
  constructor() {
    super('The user does not exist.');
  }
}

/**
 * Too many wrong passwords for this email: attempts are refused until the lock
 * ends. Raised the same way for emails with and without an account.
 */
export class AccountLockedError extends RateLimitedError {
  override readonly code = 'account-locked';
  constructor(retryAfterSeconds: number) {
    super(`Too many failed attempts for this account; retry in ${retryAfterSeconds} seconds.`, retryAfterSeconds);
  }
}

/** A password change whose current password is wrong (403: the caller is authenticated, the proof is not). */
export class WrongCurrentPasswordError extends ForbiddenError {
  override readonly code = 'wrong-current-password';
  constructor() {
    super('The current password is incorrect.');
  }
}

/** A verification or password reset token that does not exist, was used already or expired (all alike: 400). */
export class InvalidAccountTokenError extends ValidationError {
  override readonly code = 'invalid-token';
  constructor() {
    super('The link is invalid, already used or expired; ask for a new one.', [
      { field: 'token', message: 'is invalid, already used or expired' },
    ]);
  }
}
