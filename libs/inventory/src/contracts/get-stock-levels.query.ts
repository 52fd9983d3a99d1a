import { Query } from '@nestjs/cqrs';
import type { StockLevels } from './stock-levels.view';

/**
 * Current available units of the given products. One product is answered from
 * inventory's stock cache, which every committed change invalidates on every
 * instance (the writing instance sees its own change at once, others within
 * milliseconds); several are read from the database. Never use it to decide a
 * reservation: those are conditional UPDATEs on the rows.
 */
export class GetStockLevelsQuery extends Query<StockLevels> {
  constructor(readonly productIds: string[]) {
    super();
  }
}
