/** What an order needs to know about a product at the moment it is placed (GetProductsForOrderQuery answers it). */
export interface ProductForOrder {
  id: string;
  sku: string;
  name: string;
  /** Current price: integer minor units and an ISO 4217 code. */
  price: { amount: number; currency: string };
}
