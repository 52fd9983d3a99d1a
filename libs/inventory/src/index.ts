/** Public surface of the inventory context: its module and what ormconfig needs. Other contexts use ./contracts only. */
export { InventoryModule } from './inventory.module';
export { INVENTORY_MIGRATIONS, INVENTORY_ORM_ENTITIES } from './infrastructure/persistence';
