import type { ClsService } from 'nestjs-cls';

/**
 * What the HTTP edge hands to the command pipeline for a request made
 * idempotent by an `Idempotency-Key`: the key, who and what it is scoped to,
 * and the body's hash. The pipeline claims the key inside the command's
 * transaction and reports back whether it replayed a stored response.
 */
export interface IdempotentRequest {
  /** `<operation>:<user id>`: keys are per user and per operation. */
  readonly scope: string;
  readonly key: string;
  /** SHA-256 of the canonical JSON body: the same key with another body is a 422. */
  readonly requestHash: string;
  /** The status of the first response, stored with it (e.g. 201). */
  readonly status: number;
  /** How long the key is remembered. */
  readonly ttlSeconds: number;
  /** How long a duplicate waits for the request holding the key before a 409 (default 1 s). */
  readonly lockTimeoutMs?: number;
  /** Set by the pipeline when the first command of the request takes the key. */
  taken: boolean;
  /** Set by the pipeline when the response is the stored one (`Idempotent-Replayed: true`). */
  replayed: boolean;
}

// A CLS slot, not a command argument: commands stay plain messages, and the one
// object is shared (by reference) with the nested CLS contexts the transaction opens.
const SLOT = Symbol.for('keel.commands.idempotentRequest');

/** Called by the HTTP edge before the route runs. */
export function offerIdempotentRequest(cls: ClsService, request: IdempotentRequest): void {
  cls.set(SLOT, request);
}

/** Called by the pipeline for each command: the first one of the request takes the key, nested ones do not. */
export function takeIdempotentRequest(cls: ClsService): IdempotentRequest | undefined {
  if (!cls.isActive()) return undefined;
  const request = cls.get<IdempotentRequest | undefined>(SLOT);
  if (!request || request.taken) return undefined;
  request.taken = true;
  return request;
}
