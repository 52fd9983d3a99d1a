import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationsSchema1764190000000 implements MigrationInterface {
  name = 'NotificationsSchema1764190000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS notifications`);
    // No foreign key to identity.users: contexts do not share tables.
    await q.query(`
      CREATE TABLE notifications.notifications (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL,
        type text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('email')),
        status text NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
        recipient text NOT NULL,
        subject text NOT NULL,
        body_text text NOT NULL,
        body_html text,
        dedupe_key text NOT NULL CONSTRAINT notifications_dedupe_key_key UNIQUE,
        message_id text NOT NULL,
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error text,
        created_at timestamptz NOT NULL,
        sent_at timestamptz,
        claimed_until timestamptz,
        CONSTRAINT notifications_sent_at_iff_sent CHECK ((status = 'SENT') = (sent_at IS NOT NULL))
      )`);
    // GET /notifications: one user's rows, newest first, keyset-paginated.
    await q.query(`CREATE INDEX notifications_user_created_idx ON notifications.notifications (user_id, created_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE notifications.dev_mailbox (
        id uuid PRIMARY KEY,
        message_id text NOT NULL,
        recipient text NOT NULL,
        subject text NOT NULL,
        raw text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX dev_mailbox_message_id_idx ON notifications.dev_mailbox (message_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA notifications CASCADE`);
  }
}
