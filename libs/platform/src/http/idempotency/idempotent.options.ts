export const IDEMPOTENT = 'keel:idempotent';

export interface IdempotentOptions {
  /** Operation name; keys are scoped to it and to the calling user. */
  scope: string;
  /** How long a key is remembered (default 24 h). */
  ttlSeconds?: number;
  /** After this, an attempt still marked in flight is considered crashed and may be retaken (default 60 s). */
  lockSeconds?: number;
}
