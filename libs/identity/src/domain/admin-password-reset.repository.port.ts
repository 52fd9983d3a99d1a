export const ADMIN_PASSWORD_RESET_REPOSITORY = Symbol('AdminPasswordResetRepository');

/**
 * The ADMIN_PASSWORD that a boot with ADMIN_PASSWORD_RESET=true last made the
 * admin's password (its argon2 hash), so that the reset happens once per
 * password and not again at every boot while the flag stays set.
 */
export interface AdminPasswordResetRepository {
  findAppliedHash(userId: string): Promise<string | null>;
  recordApplied(userId: string, passwordHash: string, now: Date): Promise<void>;
}
