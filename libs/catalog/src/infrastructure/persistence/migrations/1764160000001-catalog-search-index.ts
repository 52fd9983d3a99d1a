import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Trigram indexes so `GET /products?q=` (ILIKE '%text%' on name or SKU) does
 * not scan the whole table. pg_trgm is a trusted extension (PostgreSQL ≥ 13):
 * the database owner that runs migrations may create it.
 */
export class CatalogSearchIndex1764160000001 implements MigrationInterface {
  name = 'CatalogSearchIndex1764160000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX products_name_trgm_idx ON catalog.products USING gin (name gin_trgm_ops)`);
    await q.query(`CREATE INDEX products_sku_trgm_idx ON catalog.products USING gin (sku gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX catalog.products_sku_trgm_idx`);
    await q.query(`DROP INDEX catalog.products_name_trgm_idx`);
  }
}
