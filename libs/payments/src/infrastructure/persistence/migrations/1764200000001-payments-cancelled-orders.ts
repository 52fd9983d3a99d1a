import { MigrationInterface, QueryRunner } from 'typeorm';

export class PaymentsCancelledOrders1764200000001 implements MigrationInterface {
  name = 'PaymentsCancelledOrders1764200000001';

  async up(q: QueryRunner): Promise<void> {
    // Orders cancelled before they were charged: the charge consumer must not charge them any more.
    await q.query(`
      CREATE TABLE payments.cancelled_orders (
        order_id uuid PRIMARY KEY,
        cancelled_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE payments.cancelled_orders`);
  }
}
