import type { ContextDescriptor } from '@keel/kernel';
import { INVENTORY_MIGRATIONS, INVENTORY_ORM_ENTITIES } from './infrastructure/persistence';
import { InventoryModule } from './inventory.module';

/** The inventory context, as the API, the worker, the migrations and the API document see it (root contexts.ts). */
export const inventoryContext: ContextDescriptor = {
  name: 'inventory',
  module: InventoryModule,
  entities: INVENTORY_ORM_ENTITIES,
  migrations: INVENTORY_MIGRATIONS,
};
