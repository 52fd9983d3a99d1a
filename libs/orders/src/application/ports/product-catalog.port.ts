export const PRODUCT_CATALOG = Symbol('ProductCatalog');

/** What an order needs to know about a product when it is placed. */
export interface ProductForOrder {
  id: string;
  sku: string;
  name: string;
  price: { amount: number; currency: string };
}

/** The catalog as the orders context sees it (an anti-corruption port; the adapter asks the catalog context). */
export interface ProductCatalog {
  /** The products that exist among `productIds`; unknown ids are simply absent. */
  findForOrder(productIds: string[]): Promise<ProductForOrder[]>;
}
