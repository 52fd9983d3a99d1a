import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { GetProductsForOrderQuery } from '@keel/catalog/contracts';
import type { ProductCatalog, ProductForOrder } from '../../application';

/** Asks the catalog context through its published query (in-process, same transaction). */
@Injectable()
export class CatalogProductCatalog implements ProductCatalog {
  constructor(private readonly queries: QueryBus) {}

  async findForOrder(productIds: string[]): Promise<ProductForOrder[]> {
    if (productIds.length === 0) return [];
    const products = await this.queries.execute(new GetProductsForOrderQuery(productIds));
    return products.map((p) => ({ id: p.id, sku: p.sku, name: p.name, price: { amount: p.price.amount, currency: p.price.currency } }));
  }
}
