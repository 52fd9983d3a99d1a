import { MigrationInterface, QueryRunner } from 'typeorm';

export class InventorySchema1764170000000 implements MigrationInterface {
  name = 'InventorySchema1764170000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS inventory`);
    // The CHECKs are the last line of defence: no code path can store negative or absurd stock.
    await q.query(`
      CREATE TABLE inventory.stock_items (
        product_id uuid PRIMARY KEY,
        available integer NOT NULL CONSTRAINT stock_items_available_range CHECK (available BETWEEN 0 AND 1000000000),
        reserved integer NOT NULL DEFAULT 0 CONSTRAINT stock_items_reserved_range CHECK (reserved BETWEEN 0 AND 1000000000),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE inventory.stock_movements (
        id bigserial PRIMARY KEY,
        product_id uuid NOT NULL REFERENCES inventory.stock_items(product_id) ON DELETE CASCADE,
        delta integer NOT NULL,
        reason text NOT NULL,
        order_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX stock_movements_product_idx ON inventory.stock_movements (product_id, id)`);
    await q.query(`CREATE INDEX stock_movements_order_idx ON inventory.stock_movements (order_id) WHERE order_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE inventory.reservations (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL CONSTRAINT reservations_order_id_key UNIQUE,
        status text NOT NULL CONSTRAINT reservations_status_check CHECK (status IN ('RESERVED', 'RELEASED', 'REJECTED')),
        lines jsonb NOT NULL DEFAULT '[]',
        reason text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA inventory CASCADE`);
  }
}
