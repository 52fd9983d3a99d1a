import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CacheModule } from '@keel/persistence/cache';
import {
  AdjustProductStockHandler,
  CATALOG_SETTINGS,
  type CatalogSettings,
  CompleteImageUploadHandler,
  CreateImageUploadHandler,
  DeleteProductImageHandler,
  IMAGE_PROCESSOR,
  RemoveAbandonedUploadsHandler,
  RemoveImageObjectsOnImageDeleted,
  VerifyImageOnImageUploaded,
  CreateProductHandler,
  GetProductHandler,
  GetProductsForOrderHandler,
  ListProductsHandler,
  ProductCache,
  ProductRepresentationCache,
  STOCK_LEVELS,
  UpdateProductHandler,
} from './application';
import { PRODUCT_IMAGE_REPOSITORY, PRODUCT_REPOSITORY } from './domain';
import { CatalogConfig } from './catalog.environment';
import { SharpImageProcessor } from './infrastructure/imaging/sharp.image-processor';
import { MediaHttpController } from './infrastructure/http/media.http.controller';
import { ProductImagesHttpController } from './infrastructure/http/product-images.http.controller';
import { ProductImageChangesListener } from './infrastructure/persistence/product-image-changes.listener';
import { ProductImageTypeOrmRepository } from './infrastructure/persistence/product-image.typeorm-repository';
import { AbandonedUploadsScheduler } from './infrastructure/scheduling/abandoned-uploads.scheduler';
import { DemoCatalogSeeder } from './infrastructure/bootstrap/demo-catalog.seeder';
import { InventoryStockLevels } from './infrastructure/inventory/inventory.stock-levels';
import { ProductsHttpController } from './infrastructure/http/products.http.controller';
import { CATALOG_ORM_ENTITIES } from './infrastructure/persistence';
import { ProductTypeOrmRepository } from './infrastructure/persistence/product.typeorm-repository';

/** Catalog bounded context: products, their prices and descriptions. Stock belongs to inventory. */
@Module({
  imports: [TypeOrmModule.forFeature(CATALOG_ORM_ENTITIES), CacheModule],
  controllers: [ProductsHttpController, ProductImagesHttpController, MediaHttpController],
  providers: [
    DemoCatalogSeeder,
    CreateProductHandler,
    UpdateProductHandler,
    AdjustProductStockHandler,
    GetProductHandler,
    ListProductsHandler,
    GetProductsForOrderHandler,
    ProductCache,
    ProductRepresentationCache,
    { provide: PRODUCT_REPOSITORY, useClass: ProductTypeOrmRepository },
    { provide: STOCK_LEVELS, useClass: InventoryStockLevels },
    CreateImageUploadHandler,
    CompleteImageUploadHandler,
    DeleteProductImageHandler,
    RemoveAbandonedUploadsHandler,
    VerifyImageOnImageUploaded,
    RemoveImageObjectsOnImageDeleted,
    AbandonedUploadsScheduler,
    ProductImageChangesListener,
    { provide: PRODUCT_IMAGE_REPOSITORY, useClass: ProductImageTypeOrmRepository },
    { provide: IMAGE_PROCESSOR, useClass: SharpImageProcessor },
    {
      provide: CATALOG_SETTINGS,
      inject: [CatalogConfig],
      useFactory: (config: CatalogConfig): CatalogSettings => ({ imageMaxBytes: config.get('IMAGE_MAX_BYTES', { infer: true }) }),
    },
    // generators: new handlers and consumers go above this line
  ],
})
export class CatalogModule {}
