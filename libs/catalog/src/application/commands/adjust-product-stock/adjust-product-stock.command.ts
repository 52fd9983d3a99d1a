import { Command } from '@nestjs/cqrs';
import type { ProductView } from '../../views/product.view';

export class AdjustProductStockCommand extends Command<ProductView> {
  constructor(
    readonly productId: string,
    /** Change of available units: + delivery, − shrinkage. */
    readonly delta: number,
    readonly reason: string,
  ) {
    super();
  }
}
