import type { ProductCatalog, ProductForOrder } from '../application';

/** ProductCatalog in memory: the products the catalog "has". */
export class FakeProductCatalog implements ProductCatalog {
  private readonly products = new Map<string, ProductForOrder>();

  with(...products: ProductForOrder[]): this {
    for (const product of products) this.products.set(product.id, product);
    return this;
  }

  async findForOrder(productIds: string[]): Promise<ProductForOrder[]> {
    return productIds.flatMap((id) => this.products.get(id) ?? []);
  }
}
