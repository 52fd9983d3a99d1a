import { Module } from '@nestjs/common';

/** Inventory bounded context. */
@Module({})
export class InventoryModule {}
