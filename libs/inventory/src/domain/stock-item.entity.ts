import { invariant, ValidationError } from '@keel/kernel/domain';
import { InsufficientStockError, StockLimitExceededError } from './inventory.errors';

/** No product holds more units than this; keeps every sum far inside a 32-bit integer column. */
export const MAX_STOCK_UNITS = 1_000_000_000;

export interface StockItemProps {
  /** Units that can still be sold. */
  available: number;
  /** Units held for orders that are not settled yet. */
  reserved: number;
  version: number;
}

const isUnits = (n: number) => Number.isSafeInteger(n) && n >= 0 && n <= MAX_STOCK_UNITS;

/**
 * The stock of one product. Its rules (never negative, never above the limit,
 * reservations move units from available to reserved and back) are stated here
 * once; the repository applies each change as one conditional UPDATE encoding
 * the same rule, because a read-modify-write would oversell under concurrency.
 */
export class StockItem {
  private constructor(
    readonly productId: string,
    private props: StockItemProps,
  ) {
    this.validate();
  }

  /** Starts keeping stock for a new product. */
  static initialize(productId: string, quantity: number): StockItem {
    if (!isUnits(quantity)) {
      throw new ValidationError('Invalid initial stock.', [
        { field: 'stock', message: `must be an integer between 0 and ${MAX_STOCK_UNITS}` },
      ]);
    }
    return new StockItem(productId, { available: quantity, reserved: 0, version: 1 });
  }

  static restore(productId: string, props: StockItemProps): StockItem {
    return new StockItem(productId, { ...props });
  }

  get available(): number {
    return this.props.available;
  }
  get reserved(): number {
    return this.props.reserved;
  }
  get version(): number {
    return this.props.version;
  }

  /** A manual correction (delivery, shrinkage, stock count). */
  adjust(delta: number): void {
    assertNonZeroDelta(delta);
    const next = this.props.available + delta;
    if (next < 0) throw new InsufficientStockError(this.productId, -delta, this.props.available);
    if (next > MAX_STOCK_UNITS) throw new StockLimitExceededError(this.productId, MAX_STOCK_UNITS);
    this.props = { ...this.props, available: next, version: this.props.version + 1 };
  }

  canReserve(quantity: number): boolean {
    return this.props.available >= quantity;
  }

  /** Holds units for an order. */
  reserve(quantity: number): void {
    assertPositiveQuantity(quantity);
    if (!this.canReserve(quantity)) throw new InsufficientStockError(this.productId, quantity, this.props.available);
    this.props = {
      available: this.props.available - quantity,
      reserved: this.props.reserved + quantity,
      version: this.props.version + 1,
    };
  }

  /** Returns held units to the shelf (order cancelled, payment failed). */
  release(quantity: number): void {
    assertPositiveQuantity(quantity);
    invariant(
      this.props.reserved >= quantity,
      `Cannot release ${quantity} units of ${this.productId}: only ${this.props.reserved} reserved`,
    );
    this.props = {
      available: this.props.available + quantity,
      reserved: this.props.reserved - quantity,
      version: this.props.version + 1,
    };
  }

  private validate(): void {
    invariant(this.productId.length > 0, 'A stock item belongs to a product');
    invariant(isUnits(this.props.available), 'Available stock is an integer between 0 and the limit');
    invariant(isUnits(this.props.reserved), 'Reserved stock is an integer between 0 and the limit');
  }
}

export function assertNonZeroDelta(delta: number): void {
  if (!Number.isSafeInteger(delta) || delta === 0 || Math.abs(delta) > MAX_STOCK_UNITS) {
    throw new ValidationError('Invalid stock adjustment.', [{ field: 'delta', message: 'must be a non-zero integer' }]);
  }
}

function assertPositiveQuantity(quantity: number): void {
  invariant(Number.isSafeInteger(quantity) && quantity > 0, 'A quantity is a positive integer');
}
