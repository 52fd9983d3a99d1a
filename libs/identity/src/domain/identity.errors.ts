import { ConflictError, NotFoundError, UnauthenticatedError } from '@keel/platform/domain';

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
