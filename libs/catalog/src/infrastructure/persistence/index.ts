import { CatalogSchema1764160000000 } from './migrations/1764160000000-catalog-schema';
import { CatalogSearchIndex1764160000001 } from './migrations/1764160000001-catalog-search-index';
import { ProductImages1764320000000 } from './migrations/1764320000000-product-images';
import { ProductImageNotify1764320000002 } from './migrations/1764320000002-product-image-notify';
import { ProductImageOrmEntity } from './product-image.orm-entity';
import { ProductOrmEntity } from './product.orm-entity';

/** What ormconfig.ts needs to know about this context's tables. */
export const CATALOG_ORM_ENTITIES = [ProductOrmEntity, ProductImageOrmEntity];
export const CATALOG_MIGRATIONS = [
  CatalogSchema1764160000000,
  CatalogSearchIndex1764160000001,
  ProductImages1764320000000,
  ProductImageNotify1764320000002,
];
