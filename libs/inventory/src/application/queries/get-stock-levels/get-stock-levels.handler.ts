import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { GetStockLevelsQuery, type StockLevels } from '../../../contracts';
import { STOCK_ITEM_REPOSITORY, type StockItemRepository } from '../../../domain';

@QueryHandler(GetStockLevelsQuery)
export class GetStockLevelsHandler implements IQueryHandler<GetStockLevelsQuery> {
  constructor(@Inject(STOCK_ITEM_REPOSITORY) private readonly stock: StockItemRepository) {}

  async execute(query: GetStockLevelsQuery): Promise<StockLevels> {
    if (query.productIds.length === 0) return {};
    const items = await this.stock.findByProductIds([...new Set(query.productIds)]);
    return Object.fromEntries(items.map((item) => [item.productId, item.available]));
  }
}
