import type { ContextDescriptor } from '@keel/kernel';
import { CatalogEnvironment } from './catalog.environment';
import { CATALOG_MIGRATIONS, CATALOG_ORM_ENTITIES } from './infrastructure/persistence';
import { CatalogModule } from './catalog.module';

/** The catalog context, as the API, the worker, the migrations and the API document see it (root contexts.ts). */
export const catalogContext: ContextDescriptor = {
  name: 'catalog',
  module: CatalogModule,
  entities: CATALOG_ORM_ENTITIES,
  migrations: CATALOG_MIGRATIONS,
  openApi: { tags: [{ name: 'catalog', description: 'Products with their available stock' }] },
  settings: CatalogEnvironment,
};
