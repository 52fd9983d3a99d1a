import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { decodeCursor, type Page, toPage } from '@keel/http';
import { PRODUCT_IMAGE_REPOSITORY, type ProductImageRepository, PRODUCT_REPOSITORY, type ProductRepository } from '../../../domain';
import { ProductCache } from '../../cache/product.cache';
import { STOCK_LEVELS, type StockLevels } from '../../ports/stock-levels.port';
import { toProductDetails, type ProductView, withStock } from '../../views/product.view';
import { ListProductsQuery } from './list-products.query';

/** Newest first, keyset-paginated. Pages come from the cache; stock is read fresh for every page. */
@QueryHandler(ListProductsQuery)
export class ListProductsHandler implements IQueryHandler<ListProductsQuery> {
  constructor(
    @Inject(PRODUCT_REPOSITORY) private readonly products: ProductRepository,
    @Inject(STOCK_LEVELS) private readonly stock: StockLevels,
    @Inject(PRODUCT_IMAGE_REPOSITORY) private readonly images: ProductImageRepository,
    private readonly cache: ProductCache,
  ) {}

  async execute(query: ListProductsQuery): Promise<Page<ProductView>> {
    const after = decodeCursor(query.cursor); // a forged cursor is a 400 before anything is cached
    const search = query.search?.trim() || undefined;
    const page = await this.cache.page({ limit: query.limit, cursor: query.cursor, search }, async () => {
      const rows = await this.products.list({ limit: query.limit + 1, after, search });
      // One query for the images of the whole page (cached with it).
      const images = await this.images.findReadyByProducts(rows.slice(0, query.limit).map((row) => row.id));
      return toPage(rows, query.limit, (product) =>
        toProductDetails(
          product,
          images.filter((image) => image.productId === product.id),
        ),
      );
    });
    const ids = page.items.map((item) => item.id);
    const levels = ids.length > 0 ? await this.stock.availableOf(ids) : {};
    return { items: page.items.map((item) => withStock(item, levels[item.id] ?? 0)), nextCursor: page.nextCursor };
  }
}
