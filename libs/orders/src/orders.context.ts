import type { ContextDescriptor } from '@keel/kernel';
import { ORDERS_MIGRATIONS, ORDERS_ORM_ENTITIES } from './infrastructure/persistence';
import { OrdersEnvironment } from './orders.environment';
import { OrdersModule } from './orders.module';

/** The orders context, as the API, the worker, the migrations and the API document see it (root contexts.ts). */
export const ordersContext: ContextDescriptor = {
  name: 'orders',
  module: OrdersModule,
  entities: ORDERS_ORM_ENTITIES,
  migrations: ORDERS_MIGRATIONS,
  openApi: { tags: [{ name: 'orders', description: 'Placing, reading and cancelling orders' }] },
  settings: OrdersEnvironment,
};
