import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AdjustStockCommand, GetStockLevelsQuery, InitializeStockCommand } from '@keel/inventory/contracts';
import type { StockLevels } from '../../application';

/**
 * Asks the inventory context through its published commands and query
 * (in-process). Its command handlers join the ambient transaction (the command
 * pipeline's propagation), so a product and its stock commit together.
 */
@Injectable()
export class InventoryStockLevels implements StockLevels {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  async initialize(productId: string, quantity: number): Promise<void> {
    await this.commands.execute(new InitializeStockCommand(productId, quantity));
  }

  async adjust(productId: string, delta: number, reason: string): Promise<number> {
    const level = await this.commands.execute(new AdjustStockCommand(productId, delta, reason));
    return level.available;
  }

  availableOf(productIds: string[]): Promise<Record<string, number>> {
    return this.queries.execute(new GetStockLevelsQuery(productIds));
  }
}
