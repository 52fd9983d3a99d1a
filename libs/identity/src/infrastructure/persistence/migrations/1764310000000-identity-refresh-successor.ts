import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The pair a refresh token was rotated into, sealed with a key derived from that
 * token: a client presenting it again within the grace window gets the same pair.
 */
export class IdentityRefreshSuccessor1764310000000 implements MigrationInterface {
  name = 'IdentityRefreshSuccessor1764310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE identity.refresh_tokens ADD COLUMN sealed_successor text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE identity.refresh_tokens DROP COLUMN sealed_successor`);
  }
}
