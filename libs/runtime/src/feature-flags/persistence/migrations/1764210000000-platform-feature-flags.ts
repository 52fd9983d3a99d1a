import { MigrationInterface, QueryRunner } from 'typeorm';

export class PlatformFeatureFlags1764210000000 implements MigrationInterface {
  name = 'PlatformFeatureFlags1764210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS platform`);
    await q.query(`
      CREATE TABLE platform.feature_flags (
        key text PRIMARY KEY CHECK (length(key) <= 100 AND key ~ '^[a-z0-9]+([._-][a-z0-9]+)*$'),
        value jsonb NOT NULL,
        description text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid
      )`);
    // Every instance keeps the flags in memory and LISTENs here: a change by any
    // writer (the admin API or plain SQL) reaches all of them when it commits.
    await q.query(`
      CREATE FUNCTION platform.notify_feature_flag_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('keel_feature_flags', COALESCE(NEW.key, OLD.key));
        RETURN NULL;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER feature_flags_changed
        AFTER INSERT OR UPDATE OR DELETE ON platform.feature_flags
        FOR EACH ROW EXECUTE FUNCTION platform.notify_feature_flag_changed()`);
    // The flags themselves are seeded from the contexts' descriptors after the migrations (seedFeatureFlags).
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE platform.feature_flags`);
    await q.query(`DROP FUNCTION platform.notify_feature_flag_changed()`);
  }
}
