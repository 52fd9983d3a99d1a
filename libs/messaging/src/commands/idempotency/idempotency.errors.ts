import { ConflictError, UnprocessableError } from '@keel/kernel';

export class IdempotencyKeyReusedError extends UnprocessableError {
  override readonly code = 'idempotency-key-reused';
  constructor() {
    super('This Idempotency-Key was already used with a different request body.');
  }
}

/**
 * The first request with this key is still running (its transaction holds the
 * key row past the claim's lock timeout). `retryAfterSeconds` becomes the
 * `Retry-After` header: by then the first has usually committed, and the retry
 * gets its replay.
 */
export class IdempotencyKeyInFlightError extends ConflictError {
  override readonly code = 'idempotency-key-in-flight';
  constructor(readonly retryAfterSeconds = 1) {
    super('A request with this Idempotency-Key is still being processed; retry shortly.');
  }
}
