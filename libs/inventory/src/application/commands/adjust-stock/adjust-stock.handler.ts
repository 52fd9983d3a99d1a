import { Inject } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '@keel/messaging';
import { ValidationError } from '@keel/kernel/domain';
import { AdjustStockCommand, type StockLevel } from '../../../contracts';
import {
  assertNonZeroDelta,
  InsufficientStockError,
  MAX_STOCK_UNITS,
  STOCK_ITEM_REPOSITORY,
  StockItemNotFoundError,
  type StockItemRepository,
  StockLimitExceededError,
} from '../../../domain';
import { StockLevelCache } from '../../cache/stock-level.cache';

export const ADJUSTMENT_REASON_MAX_LENGTH = 200;

@TransactionalCommandHandler(AdjustStockCommand)
export class AdjustStockHandler implements ICommandHandler<AdjustStockCommand> {
  constructor(
    @Inject(STOCK_ITEM_REPOSITORY) private readonly stock: StockItemRepository,
    private readonly stockCache: StockLevelCache,
  ) {}

  async execute(command: AdjustStockCommand): Promise<StockLevel> {
    assertNonZeroDelta(command.delta);
    const reason = command.reason.trim();
    if (reason.length === 0 || reason.length > ADJUSTMENT_REASON_MAX_LENGTH) {
      throw new ValidationError('Invalid reason.', [
        { field: 'reason', message: `must be 1 to ${ADJUSTMENT_REASON_MAX_LENGTH} characters` },
      ]);
    }
    // This instance reads the product uncached until the change's own notification arrived (read-your-writes).
    const tag = this.stockCache.expectOwnChange(command.productId);
    await this.stock.labelChanges(tag);
    // One conditional UPDATE: concurrent adjustments can never take the stock below zero.
    const adjusted = await this.stock.adjust(command.productId, command.delta, { reason });
    if (adjusted) return { productId: adjusted.productId, available: adjusted.available, reserved: adjusted.reserved };
    this.stockCache.forgetOwnChange(command.productId, tag); // nothing changed, nothing will notify
    // Refused: say why, from the state that refused it.
    const [current] = await this.stock.findByProductIds([command.productId]);
    if (!current) throw new StockItemNotFoundError(command.productId);
    if (current.available + command.delta > MAX_STOCK_UNITS) throw new StockLimitExceededError(command.productId, MAX_STOCK_UNITS);
    throw new InsufficientStockError(command.productId, -command.delta, current.available);
  }
}
