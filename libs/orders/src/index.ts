/** Public surface of the orders context: its module and what ormconfig needs. Other contexts use ./contracts only. */
export { OrdersModule } from './orders.module';
export { ORDERS_MIGRATIONS, ORDERS_ORM_ENTITIES } from './infrastructure/persistence';
