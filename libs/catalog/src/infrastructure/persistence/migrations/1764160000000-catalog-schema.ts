import { MigrationInterface, QueryRunner } from 'typeorm';

export class CatalogSchema1764160000000 implements MigrationInterface {
  name = 'CatalogSchema1764160000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS catalog`);
    await q.query(`
      CREATE TABLE catalog.products (
        id uuid PRIMARY KEY,
        sku text NOT NULL CONSTRAINT products_sku_format CHECK (sku ~ '^[A-Za-z0-9._-]{1,64}$'),
        name text NOT NULL CONSTRAINT products_name_length CHECK (char_length(name) BETWEEN 1 AND 200),
        description text CONSTRAINT products_description_length CHECK (char_length(description) <= 2000),
        price_amount bigint NOT NULL CONSTRAINT products_price_amount_range CHECK (price_amount >= 0),
        price_currency char(3) NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1
      )`);
    // SKUs are unique whatever their letter case: "abc-1" and "ABC-1" would be the same label on a shelf.
    await q.query(`CREATE UNIQUE INDEX products_sku_key ON catalog.products (lower(sku))`);
    // Keyset pagination, newest first.
    await q.query(`CREATE INDEX products_created_idx ON catalog.products (created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA catalog CASCADE`);
  }
}
