import type { StockItem } from './stock-item.entity';

export const STOCK_ITEM_REPOSITORY = Symbol('StockItemRepository');

/** Why a unit count changed; recorded as a stock movement with every change. */
export interface MovementCause {
  reason: string;
  orderId?: string;
}

/**
 * Stock items. Every change is one conditional UPDATE applying the rule of the
 * matching StockItem method (adjust, reserve, release) atomically in the
 * database, plus a movement row, in the ambient transaction.
 */
export interface StockItemRepository {
  /**
   * Labels the stock changes of the current transaction: their commit
   * notifications carry `tag`, so the instance that made them knows when its
   * own change is visible to every reader (see StockLevelCache).
   */
  labelChanges(tag: string): Promise<void>;
  /** Throws StockAlreadyInitializedError when the product already has stock. */
  insert(item: StockItem, cause: MovementCause): Promise<void>;
  findByProductIds(productIds: string[]): Promise<StockItem[]>;
  /**
   * `available += delta` if the result stays within 0..MAX_STOCK_UNITS.
   * Returns the new state, or null when the item is missing or the rule refused.
   */
  adjust(productId: string, delta: number, cause: MovementCause): Promise<StockItem | null>;
  /** Moves `quantity` from available to reserved if that many are available. False otherwise. */
  reserve(productId: string, quantity: number, cause: MovementCause): Promise<boolean>;
  /** Moves `quantity` from reserved back to available. Throws if fewer are reserved (a broken invariant). */
  release(productId: string, quantity: number, cause: MovementCause): Promise<void>;
}
