import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { GetProductsForOrderQuery, type ProductForOrder } from '../../../contracts';
import { PRODUCT_REPOSITORY, type ProductRepository } from '../../../domain';

/** Prices orders: always from the database, never from a cache, so an order never uses a stale price. */
@QueryHandler(GetProductsForOrderQuery)
export class GetProductsForOrderHandler implements IQueryHandler<GetProductsForOrderQuery> {
  constructor(@Inject(PRODUCT_REPOSITORY) private readonly products: ProductRepository) {}

  async execute(query: GetProductsForOrderQuery): Promise<ProductForOrder[]> {
    if (query.productIds.length === 0) return [];
    const products = await this.products.findByIds([...new Set(query.productIds)]);
    return products.map((p) => ({ id: p.id, sku: p.sku, name: p.name, price: p.price.toJSON() }));
  }
}
