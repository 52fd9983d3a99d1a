/**
 * The one error taxonomy of Keel. Domain and application code throw these;
 * the HTTP layer maps each `kind` to a status in exactly one place
 * (`errors/problem-details.mapping.ts`). Plain TypeScript: no framework imports,
 * so the domain layer may use it.
 */
export type DomainErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'unsupported_media_type'
  | 'unprocessable'
  | 'rate_limited'
  | 'unavailable';

export interface FieldError {
  field: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  /** Stable, machine-readable code; becomes the problem `type` slug. */
  abstract readonly code: string;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Something the client declares (an upload's size) is over a limit. */
export class TooLargeError extends DomainError {
  readonly kind = 'too_large' as const;
  readonly code: string = 'too-large';
}

/** A media type the operation does not accept (an upload that is not an image). */
export class UnsupportedMediaTypeError extends DomainError {
  readonly kind = 'unsupported_media_type' as const;
  readonly code: string = 'unsupported-media-type';
}

/** Input that is well formed but breaks a rule (e.g. a too-short password). */
export class ValidationError extends DomainError {
  readonly kind = 'validation' as const;
  readonly code: string = 'validation-error';
  constructor(
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }
}

export class UnauthenticatedError extends DomainError {
  readonly kind = 'unauthenticated' as const;
  readonly code: string = 'unauthenticated';
}

export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden' as const;
  readonly code: string = 'forbidden';
}

export class NotFoundError extends DomainError {
  readonly kind = 'not_found' as const;
  readonly code: string = 'not-found';
}

export class ConflictError extends DomainError {
  readonly kind = 'conflict' as const;
  readonly code: string = 'conflict';
}

/** The request is understood but cannot be processed in the current state. */
export class UnprocessableError extends DomainError {
  readonly kind = 'unprocessable' as const;
  readonly code: string = 'unprocessable';
}

/** An invariant of an aggregate would be broken: a programming or state error surfaced as 409. */
export class InvariantViolationError extends ConflictError {
  override readonly code: string = 'invariant-violation';
}

/** A dependency (database, queue backend, provider) is down; `extensions` may say which. */
export class ServiceUnavailableError extends DomainError {
  readonly kind = 'unavailable' as const;
  readonly code: string = 'unavailable';
  constructor(
    message: string,
    /** Extra, non-sensitive members of the problem document (RFC 9457 extensions). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/**
 * Too many attempts: a rate limit or a login lockout. `retryAfterSeconds`
 * becomes the `Retry-After` header, so clients know when to come back.
 */
export class RateLimitedError extends DomainError {
  readonly kind = 'rate_limited' as const;
  readonly code: string = 'rate-limited';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
