import type { InMemoryTransactions } from '@keel/kernel/testing';
import {
  MAX_STOCK_UNITS,
  type MovementCause,
  StockAlreadyInitializedError,
  StockItem,
  type StockItemProps,
  type StockItemRepository,
} from '../domain';

/** A recorded change of available units, like a row of inventory.stock_movements. */
export interface StockMovement extends MovementCause {
  productId: string;
  delta: number;
}

/**
 * StockItemRepository in memory, with the rules of the SQL one's conditional
 * UPDATEs (a refused change changes nothing and returns null/false). Given the
 * test's transactions, writes are undone when their transaction or savepoint
 * rolls back, as the rows would be.
 */
export class InMemoryStockItemRepository implements StockItemRepository {
  private readonly rows = new Map<string, StockItemProps>();
  readonly movements: StockMovement[] = [];
  /** The labels given to the changes (labelChanges), in order. */
  readonly labels: string[] = [];

  constructor(private readonly transactions?: InMemoryTransactions) {}

  given(productId: string, available: number, reserved = 0): this {
    this.rows.set(productId, { available, reserved, version: 1 });
    return this;
  }

  /** What is stored now. */
  level(productId: string): { available: number; reserved: number } | undefined {
    const row = this.rows.get(productId);
    return row && { available: row.available, reserved: row.reserved };
  }

  async labelChanges(tag: string): Promise<void> {
    this.labels.push(tag);
  }

  async insert(item: StockItem, cause: MovementCause): Promise<void> {
    if (this.rows.has(item.productId)) throw new StockAlreadyInitializedError(item.productId);
    this.write(item.productId, { available: item.available, reserved: item.reserved, version: item.version }, item.available, cause);
  }

  async findByProductIds(productIds: string[]): Promise<StockItem[]> {
    return productIds.flatMap((id) => {
      const row = this.rows.get(id);
      return row ? [StockItem.restore(id, { ...row })] : [];
    });
  }

  async adjust(productId: string, delta: number, cause: MovementCause): Promise<StockItem | null> {
    const row = this.rows.get(productId);
    if (!row || row.available + delta < 0 || row.available + delta > MAX_STOCK_UNITS) return null;
    const next = { ...row, available: row.available + delta, version: row.version + 1 };
    this.write(productId, next, delta, cause);
    return StockItem.restore(productId, { ...next });
  }

  async reserve(productId: string, quantity: number, cause: MovementCause): Promise<boolean> {
    const row = this.rows.get(productId);
    if (!row || row.available < quantity) return false;
    this.write(
      productId,
      { available: row.available - quantity, reserved: row.reserved + quantity, version: row.version + 1 },
      -quantity,
      cause,
    );
    return true;
  }

  async release(productId: string, quantity: number, cause: MovementCause): Promise<void> {
    const row = this.rows.get(productId);
    if (!row || row.reserved < quantity) throw new Error(`Cannot release ${quantity} units of ${productId}: fewer are reserved`);
    this.write(
      productId,
      { available: row.available + quantity, reserved: row.reserved - quantity, version: row.version + 1 },
      quantity,
      cause,
    );
  }

  private write(productId: string, next: StockItemProps, delta: number, cause: MovementCause): void {
    const before = this.rows.get(productId);
    const movement = { productId, delta, ...cause };
    this.rows.set(productId, next);
    this.movements.push(movement);
    this.transactions?.onRollback(() => {
      if (before) this.rows.set(productId, before);
      else this.rows.delete(productId);
      this.movements.splice(this.movements.indexOf(movement), 1);
    });
  }
}
