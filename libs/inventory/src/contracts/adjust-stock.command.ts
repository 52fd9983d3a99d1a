import { Command } from '@nestjs/cqrs';
import type { StockLevel } from './stock-level.view';

/**
 * A manual correction of available units (delivery +, shrinkage −), recorded
 * with its reason. Atomic: throws a 409 `insufficient-stock` error when the
 * stock would go negative, whatever the concurrency; 404 `stock-item-not-found`
 * when the product keeps no stock.
 */
export class AdjustStockCommand extends Command<StockLevel> {
  constructor(
    readonly productId: string,
    readonly delta: number,
    readonly reason: string,
  ) {
    super();
  }
}
