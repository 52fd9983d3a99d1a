import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { GetStockLevelsQuery, type StockLevels } from '../../../contracts';
import { STOCK_ITEM_REPOSITORY, type StockItemRepository } from '../../../domain';
import { StockLevelCache } from '../../cache/stock-level.cache';
import { isUuid } from '../../validation/is-uuid';

/**
 * One product (the product page, the hot path): through StockLevelCache, which
 * is invalidated at every committed change. Several products (list pages): one
 * query, uncached, since filling a cold page through the cache would cost a
 * query per product. Reservations never read through here: they decide with
 * conditional UPDATEs on the rows themselves.
 */
@QueryHandler(GetStockLevelsQuery)
export class GetStockLevelsHandler implements IQueryHandler<GetStockLevelsQuery> {
  constructor(
    @Inject(STOCK_ITEM_REPOSITORY) private readonly stock: StockItemRepository,
    private readonly cache: StockLevelCache,
  ) {}

  async execute(query: GetStockLevelsQuery): Promise<StockLevels> {
    const ids = [...new Set(query.productIds)];
    if (ids.length === 0) return {};
    if (ids.length === 1) return this.one(ids[0]);
    const items = await this.stock.findByProductIds(ids);
    return Object.fromEntries(items.map((item) => [item.productId, item.available]));
  }

  private async one(productId: string): Promise<StockLevels> {
    if (!isUuid(productId)) return {};
    const available = await this.cache.available(productId, async () => {
      const [item] = await this.stock.findByProductIds([productId]);
      return item ? item.available : null;
    });
    return available === null ? {} : { [productId]: available };
  }
}
