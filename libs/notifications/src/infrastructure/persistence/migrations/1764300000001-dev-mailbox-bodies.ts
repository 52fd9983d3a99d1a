import { MigrationInterface, QueryRunner } from 'typeorm';

/** The development mailbox keeps the text and HTML bodies, so GET /dev/mailbox can show them and their links. */
export class DevMailboxBodies1764300000001 implements MigrationInterface {
  name = 'DevMailboxBodies1764300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications.dev_mailbox ADD COLUMN body_text text, ADD COLUMN body_html text`);
    await q.query(`CREATE INDEX dev_mailbox_created_at_idx ON notifications.dev_mailbox (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications.dev_mailbox_created_at_idx`);
    await q.query(`ALTER TABLE notifications.dev_mailbox DROP COLUMN body_text, DROP COLUMN body_html`);
  }
}
