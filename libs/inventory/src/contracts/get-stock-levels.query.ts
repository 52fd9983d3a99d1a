import { Query } from '@nestjs/cqrs';

/** productId → available units. Products that keep no stock are absent. */
export type StockLevels = Record<string, number>;

/** Current available units of the given products, read fresh (never cached). */
export class GetStockLevelsQuery extends Query<StockLevels> {
  constructor(readonly productIds: string[]) {
    super();
  }
}
