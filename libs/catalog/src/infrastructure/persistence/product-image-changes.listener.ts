import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PgNotificationListener } from '@keel/persistence';
import { ProductCache } from '../../application';

/** NOTIFY channel of migration 1764320000002-product-image-notify. */
export const PRODUCT_IMAGE_CHANGES_CHANNEL = 'keel_catalog_product_images';

/**
 * This instance's LISTEN session for committed image status changes: each
 * notification drops the product's cached details (they list its READY
 * images) here and, through the cache's broadcast, everywhere. A notification
 * missed while the session is down leaves an image list stale for at most the
 * details' TTL (5 minutes).
 */
@Injectable()
export class ProductImageChangesListener implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ProductImageChangesListener.name);
  private listener?: PgNotificationListener;

  constructor(
    private readonly cache: ProductCache,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    const url = (this.dataSource.options as { url?: string }).url;
    if (!url) return;
    this.listener = new PgNotificationListener({
      connectionString: url,
      channel: PRODUCT_IMAGE_CHANGES_CHANNEL,
      applicationName: 'keel-product-image-listener',
      what: 'product image changes',
      meanwhile: 'product image lists may stay stale up to the cache TTL',
      onNotification: (productId) => {
        void this.cache
          .productChanged(productId)
          .catch((error: unknown) => this.logger.error({ err: error, productId }, 'Product cache invalidation failed'));
      },
    });
    await this.listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener?.stop();
  }
}
