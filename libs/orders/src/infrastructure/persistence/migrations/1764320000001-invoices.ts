import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invoices of paid orders (issue 14, ADR 0014: they live in orders). Numbers
 * come from one counter row per year, updated in the issuing transaction: a
 * rollback gives the number back, so committed numbers have no gaps (a
 * PostgreSQL sequence would leave gaps on rollback).
 */
export class Invoices1764320000001 implements MigrationInterface {
  name = 'Invoices1764320000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE orders.invoice_sequences (
        year integer PRIMARY KEY,
        last_number integer NOT NULL CONSTRAINT invoice_sequences_last_number_check CHECK (last_number >= 0)
      )`);
    await q.query(`
      CREATE TABLE orders.invoices (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL CONSTRAINT invoices_order_id_fkey REFERENCES orders.orders (id),
        user_id uuid NOT NULL,
        year integer NOT NULL,
        sequence integer NOT NULL CONSTRAINT invoices_sequence_check CHECK (sequence >= 1),
        total_amount bigint NOT NULL,
        total_currency char(3) NOT NULL,
        status text NOT NULL CONSTRAINT invoices_status_check CHECK (status IN ('ISSUED', 'READY')),
        object_key text,
        issued_at timestamptz NOT NULL,
        rendered_at timestamptz,
        CONSTRAINT invoices_order_id_key UNIQUE (order_id),
        CONSTRAINT invoices_number_key UNIQUE (year, sequence)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE orders.invoices`);
    await q.query(`DROP TABLE orders.invoice_sequences`);
  }
}
