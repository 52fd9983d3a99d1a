import { MigrationInterface, QueryRunner } from 'typeorm';

/** Failed-login counters and locks per account key (hashed email), shared by every API instance. */
export class IdentityLoginThrottles1764150000001 implements MigrationInterface {
  name = 'IdentityLoginThrottles1764150000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE identity.login_throttles (
        account_key text PRIMARY KEY,
        failures integer NOT NULL CHECK (failures >= 0),
        window_started_at timestamptz NOT NULL,
        last_failure_at timestamptz NOT NULL,
        locked_until timestamptz,
        lockouts integer NOT NULL DEFAULT 0 CHECK (lockouts >= 0)
      )`);
    await q.query(`CREATE INDEX login_throttles_last_failure_idx ON identity.login_throttles (last_failure_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE identity.login_throttles`);
  }
}
