import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  PRODUCT_IMAGE_REPOSITORY,
  type ProductImageRepository,
  PRODUCT_REPOSITORY,
  ProductNotFoundError,
  type ProductRepository,
} from '../../../domain';
import { fingerprintOf, ProductCache } from '../../cache/product.cache';
import { ProductRepresentationCache } from '../../cache/product-representation.cache';
import { STOCK_LEVELS, type StockLevels } from '../../ports/stock-levels.port';
import type { ProductRepresentation } from '../../views/product.representation';
import { type ProductDetails, toProductDetails } from '../../views/product.view';
import { GetProductQuery } from './get-product.query';

/**
 * The product page, serialised. Which details are current comes from the
 * catalog's cache (their fingerprint), the stock from inventory's (each
 * invalidated after every committed change, ADR 0010): a hit costs no query.
 * The bytes and their ETag come from this instance's ProductRepresentationCache
 * when it holds them for exactly that fingerprint and stock: a hit then costs
 * no serialisation either.
 *
 * The representation is built here rather than in the HTTP adapter because
 * whether it is still valid depends on the cache reads above, which only the
 * application sees; the controller is left with the HTTP part (If-None-Match).
 */
@QueryHandler(GetProductQuery)
export class GetProductHandler implements IQueryHandler<GetProductQuery> {
  constructor(
    @Inject(PRODUCT_REPOSITORY) private readonly products: ProductRepository,
    @Inject(STOCK_LEVELS) private readonly stock: StockLevels,
    @Inject(PRODUCT_IMAGE_REPOSITORY) private readonly images: ProductImageRepository,
    private readonly cache: ProductCache,
    private readonly representations: ProductRepresentationCache,
  ) {}

  async execute(query: GetProductQuery): Promise<ProductRepresentation> {
    // One key per product however its id is spelt (a UUID in capitals is the same product).
    const id = query.productId.toLowerCase();
    // From the database, not through details() (see ProductCache.fingerprint): a product read for the first time since it
    // changed is therefore loaded twice, once for its fingerprint and once for its details.
    const fingerprint = await this.cache.fingerprint(id, async () => {
      const details = await this.load(id);
      return details && fingerprintOf(details);
    });
    if (fingerprint === null) throw new ProductNotFoundError();
    const levels = await this.stock.availableOf([id]);
    const representation = await this.representations.representation(id, fingerprint, levels[id] ?? 0, () =>
      this.cache.details(id, () => this.load(id)),
    );
    if (!representation) throw new ProductNotFoundError();
    return representation;
  }

  private async load(id: string): Promise<ProductDetails | null> {
    const product = await this.products.findById(id);
    return product ? toProductDetails(product, await this.images.findReadyByProducts([product.id])) : null;
  }
}
