/** Integration events catalog publishes through the outbox. Payloads are plain JSON. */

export interface ProductSnapshot {
  sku: string;
  name: string;
  description: string | null;
  price: { amount: number; currency: string };
}

export const CATALOG_PRODUCT_CREATED = 'catalog.product-created';
export type ProductCreatedPayload = ProductSnapshot;

export const CATALOG_PRODUCT_UPDATED = 'catalog.product-updated';
export interface ProductUpdatedPayload extends ProductSnapshot {
  /** Which of name, description, price changed. */
  changed: Array<'name' | 'description' | 'price'>;
}
