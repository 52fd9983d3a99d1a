export type ProductField = 'name' | 'description' | 'price';

/** The facts about a product that events carry: plain JSON. */
export interface ProductSnapshot {
  sku: string;
  name: string;
  description: string | null;
  price: { amount: number; currency: string };
}
