import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys are now claimed inside the command's transaction, so a
 * claim never outlives its process and `locked_until` has no use. Expand step
 * (docs/operations.md, migrations policy): the column becomes nullable so this
 * release can stop writing it while the previous one, during a rolling deploy,
 * still writes it (and this release still honours it on the previous
 * release's rows). A later release drops it.
 */
export class IdempotencyClaimInTransaction1764235000000 implements MigrationInterface {
  name = 'IdempotencyClaimInTransaction1764235000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE platform.idempotency_keys ALTER COLUMN locked_until DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Rows claimed by this release carry no lock time: give them an expired one, as a crashed claim would have.
    await q.query(`UPDATE platform.idempotency_keys SET locked_until = created_at WHERE locked_until IS NULL`);
    await q.query(`ALTER TABLE platform.idempotency_keys ALTER COLUMN locked_until SET NOT NULL`);
  }
}
