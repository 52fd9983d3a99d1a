import { MigrationInterface, QueryRunner } from 'typeorm';

export class PaymentsSchema1764200000000 implements MigrationInterface {
  name = 'PaymentsSchema1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS payments`);
    // No foreign key to orders.orders: contexts do not share tables.
    await q.query(`
      CREATE TABLE payments.payments (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL,
        user_id uuid NOT NULL,
        provider text NOT NULL CHECK (provider IN ('stripe', 'razorpay')),
        method text NOT NULL,
        amount bigint NOT NULL CHECK (amount >= 0),
        currency char(3) NOT NULL,
        status text NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED', 'REFUNDED')),
        provider_reference text,
        failure_reason text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT payments_one_per_order UNIQUE (order_id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX payments_provider_reference_idx ON payments.payments (provider, provider_reference) WHERE provider_reference IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE payments.webhook_events (
        provider text NOT NULL,
        event_id text NOT NULL,
        type text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider, event_id)
      )`);
    await q.query(`
      CREATE TABLE payments.charge_attempts (
        order_id uuid PRIMARY KEY,
        attempts integer NOT NULL,
        last_attempt_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA payments CASCADE`);
  }
}
