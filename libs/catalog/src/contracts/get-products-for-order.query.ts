import { Query } from '@nestjs/cqrs';

/** What an order needs to know about a product at the moment it is placed. */
export interface ProductForOrder {
  id: string;
  sku: string;
  name: string;
  /** Current price: integer minor units and an ISO 4217 code. */
  price: { amount: number; currency: string };
}

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
