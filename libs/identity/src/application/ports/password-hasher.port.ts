export const PASSWORD_HASHER = Symbol('PasswordHasher');

export interface PasswordHasher {
  hash(plain: string): Promise<string>;
  verify(hash: string, plain: string): Promise<boolean>;
  /**
   * Spends the same time as a real verification against a dummy hash, so a
   * login for an unknown email is not measurably faster than a wrong password.
   */
  verifyAgainstDummy(plain: string): Promise<void>;
}
