/** Public surface of the catalog context: its module and what ormconfig needs. Other contexts use ./contracts only. */
export { CatalogModule } from './catalog.module';
export { CATALOG_MIGRATIONS, CATALOG_ORM_ENTITIES } from './infrastructure/persistence';
