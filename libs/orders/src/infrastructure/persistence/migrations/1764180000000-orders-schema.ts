import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Orders, their items and their status history, in three tables rather than
 * jsonb: items get database-enforced rules (one row per product, quantity
 * 1..100) and can be queried by product; history is append-only rows, so a
 * transition inserts one row instead of rewriting a document. No foreign keys
 * to other contexts' tables (users, products): those are ids and snapshots.
 */
export class OrdersSchema1764180000000 implements MigrationInterface {
  name = 'OrdersSchema1764180000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS orders`);
    await q.query(`
      CREATE TABLE orders.orders (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL,
        status text NOT NULL
          CONSTRAINT orders_status_check CHECK (status IN ('PENDING', 'CONFIRMED', 'PAID', 'REJECTED', 'PAYMENT_FAILED', 'CANCELLED')),
        status_reason text,
        total_amount bigint NOT NULL CONSTRAINT orders_total_amount_check CHECK (total_amount >= 0),
        currency text NOT NULL CONSTRAINT orders_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
        payment_provider text NOT NULL CONSTRAINT orders_payment_provider_check CHECK (payment_provider IN ('stripe', 'razorpay')),
        payment_method text NOT NULL CONSTRAINT orders_payment_method_check CHECK (char_length(payment_method) BETWEEN 1 AND 100),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1 CONSTRAINT orders_version_check CHECK (version >= 1)
      )`);
    // GET /orders: a customer's orders, newest first, keyset on (created_at, id).
    await q.query(`CREATE INDEX orders_user_created_idx ON orders.orders (user_id, created_at DESC, id DESC)`);
    // GET /orders as admin: everyone's orders, same order.
    await q.query(`CREATE INDEX orders_created_idx ON orders.orders (created_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE orders.order_items (
        order_id uuid NOT NULL REFERENCES orders.orders(id) ON DELETE CASCADE,
        line_no smallint NOT NULL,
        product_id uuid NOT NULL,
        sku text NOT NULL,
        name text NOT NULL,
        unit_price_amount bigint NOT NULL CONSTRAINT order_items_unit_price_check CHECK (unit_price_amount >= 0),
        quantity integer NOT NULL CONSTRAINT order_items_quantity_check CHECK (quantity BETWEEN 1 AND 100),
        line_total_amount bigint NOT NULL CONSTRAINT order_items_line_total_check CHECK (line_total_amount = unit_price_amount * quantity),
        PRIMARY KEY (order_id, line_no),
        CONSTRAINT order_items_order_product_key UNIQUE (order_id, product_id)
      )`);
    await q.query(`
      CREATE TABLE orders.order_history (
        order_id uuid NOT NULL REFERENCES orders.orders(id) ON DELETE CASCADE,
        seq smallint NOT NULL,
        status text NOT NULL,
        reason text,
        at timestamptz NOT NULL,
        PRIMARY KEY (order_id, seq)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA orders CASCADE`);
  }
}
