/** The stock of one product after a change (AdjustStockCommand answers it). */
export interface StockLevel {
  productId: string;
  /** Units that can still be sold. */
  available: number;
  /** Units held for open orders. */
  reserved: number;
}
