export const ACCOUNT_TOKEN_REPOSITORY = Symbol('AccountTokenRepository');

/** What a one-time account link proves: the owner reads this address, or may set a new password. */
export type AccountTokenPurpose = 'email-verification' | 'password-reset';

/** How long a link works. */
export const ACCOUNT_TOKEN_TTL_SECONDS: Record<AccountTokenPurpose, number> = {
  'email-verification': 24 * 60 * 60,
  'password-reset': 30 * 60,
};

export interface NewAccountToken {
  id: string;
  userId: string;
  purpose: AccountTokenPurpose;
  /** SHA-256 of the token: the token itself is only ever in the email. */
  tokenHash: string;
  expiresAt: Date;
  createdAt: Date;
}

/** One-time tokens behind the verification and password reset links. */
export interface AccountTokenRepository {
  insert(token: NewAccountToken): Promise<void>;
  /**
   * Spends the token if it exists for this purpose, is unused and unexpired, in
   * one statement (two concurrent uses: exactly one wins). Returns its user id, or null.
   */
  consume(purpose: AccountTokenPurpose, tokenHash: string, now: Date): Promise<string | null>;
  /** Spends every unused token of this purpose of the user (older links die with the one used). */
  spendAllForUser(userId: string, purpose: AccountTokenPurpose, now: Date): Promise<void>;
}
