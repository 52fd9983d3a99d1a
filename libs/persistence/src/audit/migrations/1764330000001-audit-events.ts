import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * platform.audit_events: who changed what, as rows (ADR 0016). Append-only for
 * the app: UPDATE, DELETE and TRUNCATE are revoked from every role but the
 * owner, whatever its name, including the app role's grant that the owner's
 * default privileges (scripts/db/create-roles.sql) gave it a moment ago at
 * CREATE TABLE. create-roles.sql revokes them again on every run.
 */
export class AuditEvents1764330000001 implements MigrationInterface {
  name = 'AuditEvents1764330000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS platform`);
    await q.query(`
      CREATE TABLE platform.audit_events (
        id uuid PRIMARY KEY,
        occurred_at timestamptz(3) NOT NULL DEFAULT now(),
        actor_id uuid,
        actor_role varchar(32) NOT NULL,
        action varchar(64) NOT NULL,
        target_type varchar(32) NOT NULL,
        target_id varchar(128) NOT NULL,
        before jsonb,
        after jsonb,
        request_id varchar(128),
        client_address varchar(64)
      )`);
    // The list reads newest first (a backward scan), alone or filtered by actor or by target (keyset on occurred_at, id).
    await q.query(`CREATE INDEX audit_events_occurred_idx ON platform.audit_events (occurred_at, id)`);
    await q.query(`CREATE INDEX audit_events_actor_idx ON platform.audit_events (actor_id, occurred_at, id)`);
    await q.query(`CREATE INDEX audit_events_target_idx ON platform.audit_events (target_type, target_id, occurred_at, id)`);
    await q.query(`
      DO $revoke$
      DECLARE r record;
      BEGIN
        FOR r IN
          SELECT DISTINCT a.grantee::regrole::text AS grantee
            FROM pg_class c, aclexplode(c.relacl) a
           WHERE c.oid = 'platform.audit_events'::regclass AND a.grantee <> c.relowner AND a.grantee <> 0
        LOOP
          EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON platform.audit_events FROM %s', r.grantee);
        END LOOP;
        REVOKE UPDATE, DELETE, TRUNCATE ON platform.audit_events FROM PUBLIC;
      END
      $revoke$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE platform.audit_events`);
  }
}
