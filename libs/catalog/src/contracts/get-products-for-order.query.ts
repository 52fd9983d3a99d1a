import { Query } from '@nestjs/cqrs';
import type { ProductForOrder } from './product-for-order.view';

/**
 * The current sku, name and price of the given products, read from the
 * database (never from a cache), for pricing an order. Only products that
 * exist are returned; unknown or malformed ids are simply absent.
 */
export class GetProductsForOrderQuery extends Query<ProductForOrder[]> {
  constructor(readonly productIds: string[]) {
    super();
  }
}
