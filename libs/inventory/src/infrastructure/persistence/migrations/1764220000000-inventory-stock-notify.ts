import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change of a stock row NOTIFYs its product id. PostgreSQL sends a
 * NOTIFY only when (and if) the transaction commits, to every listening
 * session, so each API/worker instance learns exactly when a cached stock
 * level went stale. A trigger rather than a call in each repository method:
 * no write path (including plain SQL by an operator) can forget it.
 */
export class InventoryStockNotify1764220000000 implements MigrationInterface {
  name = 'InventoryStockNotify1764220000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION inventory.notify_stock_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        tag text := nullif(current_setting('keel.stock_change_tag', true), '');
      BEGIN
        PERFORM pg_notify('keel_inventory_stock', COALESCE(NEW.product_id, OLD.product_id)::text || COALESCE(' ' || tag, ''));
        RETURN NULL;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER stock_items_changed
        AFTER INSERT OR UPDATE OR DELETE ON inventory.stock_items
        FOR EACH ROW EXECUTE FUNCTION inventory.notify_stock_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER stock_items_changed ON inventory.stock_items`);
    await q.query(`DROP FUNCTION inventory.notify_stock_changed()`);
  }
}
