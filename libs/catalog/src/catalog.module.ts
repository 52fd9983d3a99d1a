import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CacheModule } from '@keel/persistence/cache';
import {
  AdjustProductStockHandler,
  CreateProductHandler,
  GetProductHandler,
  GetProductsForOrderHandler,
  ListProductsHandler,
  ProductCache,
  STOCK_LEVELS,
  UpdateProductHandler,
} from './application';
import { PRODUCT_REPOSITORY } from './domain';
import { DemoCatalogSeeder } from './infrastructure/bootstrap/demo-catalog.seeder';
import { InventoryStockLevels } from './infrastructure/inventory/inventory.stock-levels';
import { ProductsHttpController } from './infrastructure/http/products.http.controller';
import { CATALOG_ORM_ENTITIES } from './infrastructure/persistence';
import { ProductTypeOrmRepository } from './infrastructure/persistence/product.typeorm-repository';

/** Catalog bounded context: products, their prices and descriptions. Stock belongs to inventory. */
@Module({
  imports: [TypeOrmModule.forFeature(CATALOG_ORM_ENTITIES), CacheModule],
  controllers: [ProductsHttpController],
  providers: [
    DemoCatalogSeeder,
    CreateProductHandler,
    UpdateProductHandler,
    AdjustProductStockHandler,
    GetProductHandler,
    ListProductsHandler,
    GetProductsForOrderHandler,
    ProductCache,
    { provide: PRODUCT_REPOSITORY, useClass: ProductTypeOrmRepository },
    { provide: STOCK_LEVELS, useClass: InventoryStockLevels },
    // generators: new handlers and consumers go above this line
  ],
})
export class CatalogModule {}
