import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  PRODUCT_IMAGE_REPOSITORY,
  type ProductImageRepository,
  PRODUCT_REPOSITORY,
  ProductNotFoundError,
  type ProductRepository,
} from '../../../domain';
import { ProductCache } from '../../cache/product.cache';
import { STOCK_LEVELS, type StockLevels } from '../../ports/stock-levels.port';
import { toProductDetails, type ProductView, withStock } from '../../views/product.view';
import { GetProductQuery } from './get-product.query';

/**
 * Details from the catalog's cache, stock from inventory's (each invalidated
 * after every committed change, ADR 0010): a hit costs no query at all.
 */
@QueryHandler(GetProductQuery)
export class GetProductHandler implements IQueryHandler<GetProductQuery> {
  constructor(
    @Inject(PRODUCT_REPOSITORY) private readonly products: ProductRepository,
    @Inject(STOCK_LEVELS) private readonly stock: StockLevels,
    @Inject(PRODUCT_IMAGE_REPOSITORY) private readonly images: ProductImageRepository,
    private readonly cache: ProductCache,
  ) {}

  async execute(query: GetProductQuery): Promise<ProductView> {
    const details = await this.cache.details(query.productId, async () => {
      const product = await this.products.findById(query.productId);
      return product ? toProductDetails(product, await this.images.findReadyByProducts([product.id])) : null;
    });
    if (!details) throw new ProductNotFoundError();
    const levels = await this.stock.availableOf([details.id]);
    return withStock(details, levels[details.id] ?? 0);
  }
}
