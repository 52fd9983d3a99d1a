import { Module } from '@nestjs/common';
import { DemoCatalogSeeder } from './infrastructure/demo-catalog.seeder';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CacheModule } from '@keel/persistence/cache';
import {
  AdjustProductStockHandler,
  CreateProductHandler,
  GetProductHandler,
  GetProductsForOrderHandler,
  ListProductsHandler,
  ProductCache,
  UpdateProductHandler,
} from './application';
import { PRODUCT_REPOSITORY } from './domain';
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
  ],
})
export class CatalogModule {}
