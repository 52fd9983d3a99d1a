import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A product image changing status NOTIFYs its product id (on commit only), so
 * every API and worker instance drops the product's cached details, which list
 * its READY images. The change is made by a worker job; without this an API
 * instance without Redis (npm start) would keep serving the old image list
 * until the cache TTL. Same pattern as inventory's stock (ADR 0010).
 */
export class ProductImageNotify1764320000002 implements MigrationInterface {
  name = 'ProductImageNotify1764320000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION catalog.notify_product_image_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('keel_catalog_product_images', NEW.product_id::text);
        RETURN NULL;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER product_images_status_changed
        AFTER UPDATE OF status ON catalog.product_images
        FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
        EXECUTE FUNCTION catalog.notify_product_image_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER product_images_status_changed ON catalog.product_images`);
    await q.query(`DROP FUNCTION catalog.notify_product_image_changed()`);
  }
}
