import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Devices (device-cookie ids, hashed) that logged into an account: failures from
 * other clients never lock them out (ADR 0013). Per-client throttles reuse
 * identity.login_throttles under new keys, so the old per-email rows are dropped.
 */
export class IdentityLoginDevices1764310000001 implements MigrationInterface {
  name = 'IdentityLoginDevices1764310000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE identity.login_devices (
        user_id uuid NOT NULL REFERENCES identity.users(id) ON DELETE CASCADE,
        device_hash text NOT NULL,
        last_login_at timestamptz NOT NULL,
        CONSTRAINT login_devices_pkey PRIMARY KEY (user_id, device_hash)
      )`);
    await q.query(`CREATE INDEX login_devices_last_login_idx ON identity.login_devices (last_login_at)`);
    await q.query(`DELETE FROM identity.login_throttles`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE identity.login_devices`);
  }
}
