import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ADMIN_PASSWORD an ADMIN_PASSWORD_RESET=true boot applied (argon2 hash), so
 * the reset happens once per password, not at every boot while the flag is set.
 */
export class IdentityAdminPasswordResets1764310000002 implements MigrationInterface {
  name = 'IdentityAdminPasswordResets1764310000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE identity.admin_password_resets (
        user_id uuid PRIMARY KEY REFERENCES identity.users(id) ON DELETE CASCADE,
        password_hash text NOT NULL,
        applied_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE identity.admin_password_resets`);
  }
}
