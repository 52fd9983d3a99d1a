import { InventorySchema1764170000000 } from './migrations/1764170000000-inventory-schema';
import { InventoryStockNotify1764220000000 } from './migrations/1764220000000-inventory-stock-notify';
import { ReservationOrmEntity } from './reservation.orm-entity';
import { StockItemOrmEntity } from './stock-item.orm-entity';
import { StockMovementOrmEntity } from './stock-movement.orm-entity';

/** What ormconfig.ts needs to know about this context's tables. */
export const INVENTORY_ORM_ENTITIES = [StockItemOrmEntity, StockMovementOrmEntity, ReservationOrmEntity];
export const INVENTORY_MIGRATIONS = [InventorySchema1764170000000, InventoryStockNotify1764220000000];
