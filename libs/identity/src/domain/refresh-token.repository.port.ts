import type { RefreshToken } from './refresh-token.entity';

export const REFRESH_TOKEN_REPOSITORY = Symbol('RefreshTokenRepository');

export interface RefreshTokenRepository {
  findByHash(tokenHash: string): Promise<RefreshToken | null>;
  insert(token: RefreshToken): Promise<void>;
  /**
   * Marks the token spent only if nobody else did first. Returns false when
   * it was already spent or revoked, which callers treat as re-use.
   */
  markSpent(id: string, now: Date): Promise<boolean>;
  /** Stores the sealed pair a spent token was rotated into (same transaction as markSpent). */
  recordSuccessor(id: string, sealedSuccessor: string): Promise<void>;
  revokeFamily(familyId: string, now: Date): Promise<void>;
  revokeAllForUser(userId: string, now: Date): Promise<void>;
  /** Families of the user with a token issued after `since`: the sessions whose access tokens may still be alive. */
  familiesIssuedSince(userId: string, since: Date): Promise<string[]>;
}
