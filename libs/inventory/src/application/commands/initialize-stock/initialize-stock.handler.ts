import { Inject } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '@keel/messaging';
import { InitializeStockCommand } from '../../../contracts';
import { StockItem, STOCK_ITEM_REPOSITORY, type StockItemRepository } from '../../../domain';

/** Joins the caller's transaction (catalog creates a product and its stock as one unit). */
@TransactionalCommandHandler(InitializeStockCommand)
export class InitializeStockHandler implements ICommandHandler<InitializeStockCommand> {
  constructor(@Inject(STOCK_ITEM_REPOSITORY) private readonly stock: StockItemRepository) {}

  async execute(command: InitializeStockCommand): Promise<void> {
    await this.stock.insert(StockItem.initialize(command.productId, command.quantity), { reason: 'initial stock' });
  }
}
