import { InvoiceOrmEntity, InvoiceSequenceOrmEntity } from './invoice.orm-entity';
import { OrdersSchema1764180000000 } from './migrations/1764180000000-orders-schema';
import { Invoices1764320000001 } from './migrations/1764320000001-invoices';
import { OrderHistoryOrmEntity } from './order-history.orm-entity';
import { OrderItemOrmEntity } from './order-item.orm-entity';
import { OrderOrmEntity } from './order.orm-entity';

/** What ormconfig.ts needs to know about this context's tables. */
export const ORDERS_ORM_ENTITIES = [OrderOrmEntity, OrderItemOrmEntity, OrderHistoryOrmEntity, InvoiceOrmEntity, InvoiceSequenceOrmEntity];
export const ORDERS_MIGRATIONS = [OrdersSchema1764180000000, Invoices1764320000001];
