export const STOCK_LEVELS = Symbol('StockLevels');

/**
 * Stock as the catalog sees it: inventory keeps it, the catalog starts it for a
 * new product, corrects it for an admin and shows it next to a product (an
 * anti-corruption port; the adapter asks the inventory context over the bus).
 * Calls join the caller's transaction.
 */
export interface StockLevels {
  /** Starts keeping `quantity` available units for a new product (in the caller's transaction: product and stock commit together). */
  initialize(productId: string, quantity: number): Promise<void>;
  /**
   * Changes the available units by `delta`, recorded with `reason`; returns the
   * new available count. A refusal (the stock would go negative or above the
   * limit, or none is kept for the product) throws inventory's error (409/404).
   */
  adjust(productId: string, delta: number, reason: string): Promise<number>;
  /** productId → available units; products that keep no stock are absent. */
  availableOf(productIds: string[]): Promise<Record<string, number>>;
}
