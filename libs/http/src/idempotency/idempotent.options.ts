export const IDEMPOTENT = 'keel:idempotent';

export interface IdempotentOptions {
  /** Operation name; keys are scoped to it and to the calling user. */
  scope: string;
  /** How long a key is remembered (default 24 h). */
  ttlSeconds?: number;
  /**
   * How long a duplicate waits for the request that holds its key (default 1 s):
   * it then gets the stored response if the first committed meanwhile, or a 409
   * with Retry-After.
   */
  lockTimeoutMs?: number;
}
