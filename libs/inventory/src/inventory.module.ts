import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CacheModule } from '@keel/persistence/cache';
import {
  AdjustStockHandler,
  GetStockLevelsHandler,
  InitializeStockHandler,
  ReleaseStockOnOrderCancelled,
  ReserveStockOnOrderPlaced,
  StockLevelCache,
} from './application';
import { RESERVATION_REPOSITORY, STOCK_ITEM_REPOSITORY } from './domain';
import { INVENTORY_ORM_ENTITIES } from './infrastructure/persistence';
import { ReservationTypeOrmRepository } from './infrastructure/persistence/reservation.typeorm-repository';
import { StockItemTypeOrmRepository } from './infrastructure/persistence/stock-item.typeorm-repository';
import { StockChangesListener } from './infrastructure/persistence/stock-changes.listener';

/**
 * Inventory bounded context: stock per product, its history, and the
 * reservations that hold stock for orders. No HTTP surface of its own: catalog
 * drives stock through the commands in ./contracts; orders through events.
 */
@Module({
  imports: [TypeOrmModule.forFeature(INVENTORY_ORM_ENTITIES), CacheModule],
  providers: [
    StockLevelCache,
    StockChangesListener,
    InitializeStockHandler,
    AdjustStockHandler,
    GetStockLevelsHandler,
    ReserveStockOnOrderPlaced,
    ReleaseStockOnOrderCancelled,
    { provide: STOCK_ITEM_REPOSITORY, useClass: StockItemTypeOrmRepository },
    { provide: RESERVATION_REPOSITORY, useClass: ReservationTypeOrmRepository },
    // generators: new handlers and consumers go above this line
  ],
})
export class InventoryModule {}
