import { ConflictError, NotFoundError } from '@keel/kernel/domain';
import type { InMemoryTransaction, InMemoryTransactions } from '@keel/kernel/testing';
import type { StockLevels } from '../application';

/** What the inventory adapter would have been asked, and in which transaction. */
export interface StockLevelsCall {
  method: 'initialize' | 'adjust' | 'availableOf';
  args: unknown[];
  transaction?: InMemoryTransaction;
}

/**
 * The StockLevels port in memory: available units per product, with inventory's
 * refusals (409 below zero or for a second initialisation, 404 without stock).
 * Given the test's transactions, its writes are undone on rollback, as
 * inventory's rows would be (they join the caller's transaction).
 */
export class InMemoryStockLevels implements StockLevels {
  readonly levels = new Map<string, number>();
  readonly calls: StockLevelsCall[] = [];

  constructor(private readonly transactions?: InMemoryTransactions) {}

  given(productId: string, available: number): this {
    this.levels.set(productId, available);
    return this;
  }

  async initialize(productId: string, quantity: number): Promise<void> {
    this.record('initialize', [productId, quantity]);
    if (this.levels.has(productId)) throw new ConflictError(`Stock of product ${productId} is already initialised.`);
    this.write(productId, quantity);
  }

  async adjust(productId: string, delta: number, reason: string): Promise<number> {
    this.record('adjust', [productId, delta, reason]);
    const available = this.levels.get(productId);
    if (available === undefined) throw new NotFoundError(`No stock is kept for product ${productId}.`);
    if (available + delta < 0) throw new ConflictError(`Not enough stock for product ${productId}.`);
    this.write(productId, available + delta);
    return available + delta;
  }

  async availableOf(productIds: string[]): Promise<Record<string, number>> {
    this.record('availableOf', [productIds]);
    return Object.fromEntries(productIds.flatMap((id) => (this.levels.has(id) ? [[id, this.levels.get(id)!]] : [])));
  }

  private record(method: StockLevelsCall['method'], args: unknown[]): void {
    this.calls.push({ method, args, transaction: this.transactions?.current });
  }

  private write(productId: string, available: number): void {
    const before = this.levels.get(productId);
    this.levels.set(productId, available);
    this.transactions?.onRollback(() => (before === undefined ? this.levels.delete(productId) : this.levels.set(productId, before)));
  }
}
