import { MigrationInterface, QueryRunner } from 'typeorm';

/** Product images (issue 14): uploaded to object storage, verified by a job, listed with their product once READY. */
export class ProductImages1764320000000 implements MigrationInterface {
  name = 'ProductImages1764320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE catalog.product_images (
        id uuid PRIMARY KEY,
        product_id uuid NOT NULL CONSTRAINT product_images_product_id_fkey REFERENCES catalog.products (id) ON DELETE CASCADE,
        status text NOT NULL CONSTRAINT product_images_status_check
          CHECK (status IN ('PENDING', 'PROCESSING', 'READY', 'REJECTED', 'DELETED')),
        content_type text NOT NULL CONSTRAINT product_images_content_type_check
          CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp')),
        declared_bytes integer NOT NULL CONSTRAINT product_images_declared_bytes_check CHECK (declared_bytes > 0),
        upload_key text NOT NULL,
        image_key text,
        thumbnail_key text,
        width integer,
        height integer,
        stored_bytes integer,
        rejection_reason text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1
      )`);
    // A product's images in upload order; and the sweep of uploads never completed.
    await q.query(`CREATE INDEX product_images_product_idx ON catalog.product_images (product_id, created_at)`);
    await q.query(`CREATE INDEX product_images_status_idx ON catalog.product_images (status, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE catalog.product_images`);
  }
}
