import { MigrationInterface, QueryRunner } from 'typeorm';

export class PlatformMessaging1764140000000 implements MigrationInterface {
  name = 'PlatformMessaging1764140000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS platform`);
    await q.query(`
      CREATE TABLE platform.outbox (
        id uuid PRIMARY KEY,
        position bigserial NOT NULL,
        event_name text NOT NULL,
        aggregate_id text NOT NULL,
        payload jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        request_id text,
        traceparent text,
        sent_at timestamptz
      )`);
    // The relay only ever scans unsent rows, oldest first.
    await q.query(`CREATE INDEX outbox_unsent_idx ON platform.outbox (position) WHERE sent_at IS NULL`);
    await q.query(`
      CREATE TABLE platform.inbox (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        processed_at timestamptz NOT NULL,
        PRIMARY KEY (consumer, event_id)
      )`);
    await q.query(`
      CREATE TABLE platform.idempotency_keys (
        scope text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status text NOT NULL CHECK (status IN ('in_flight', 'completed')),
        response_status integer,
        response_body jsonb,
        response_headers jsonb,
        locked_until timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (scope, key)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_expiry_idx ON platform.idempotency_keys (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE platform.idempotency_keys`);
    await q.query(`DROP TABLE platform.inbox`);
    await q.query(`DROP TABLE platform.outbox`);
  }
}
