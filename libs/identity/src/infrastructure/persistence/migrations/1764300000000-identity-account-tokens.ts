import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Email verification and password reset: when the address was verified, and the
 * one-time tokens behind the emailed links (only their SHA-256 is stored).
 * Accounts that exist before this migration start unverified: nobody proved they
 * own those addresses either; they verify with POST /auth/verify-email/resend (or a
 * password reset). Additive only, safe during a rolling deploy.
 */
export class IdentityAccountTokens1764300000000 implements MigrationInterface {
  name = 'IdentityAccountTokens1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE identity.users ADD COLUMN email_verified_at timestamptz`);
    await q.query(`
      CREATE TABLE identity.account_tokens (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES identity.users (id) ON DELETE CASCADE,
        purpose text NOT NULL CONSTRAINT account_tokens_purpose_check CHECK (purpose IN ('email-verification', 'password-reset')),
        token_hash text NOT NULL CONSTRAINT account_tokens_token_hash_key UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX account_tokens_user_idx ON identity.account_tokens (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE identity.account_tokens`);
    await q.query(`ALTER TABLE identity.users DROP COLUMN email_verified_at`);
  }
}
