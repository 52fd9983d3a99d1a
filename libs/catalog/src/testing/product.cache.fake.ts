import { CacheStore } from '@keel/persistence/cache';
import type { InMemoryTransaction, InMemoryTransactions } from '@keel/kernel/testing';
import { ProductCache } from '../application';

/**
 * The real ProductCache over an in-process CacheStore (no Redis), recording
 * each invalidation with the transaction active at that moment: a spec can
 * check that it happens after commit (no transaction), never inside one.
 */
export class RecordingProductCache extends ProductCache {
  readonly invalidations: Array<{ productId: string; transaction?: InMemoryTransaction }> = [];

  constructor(private readonly transactions?: InMemoryTransactions) {
    super(new CacheStore({ keyPrefix: 'test:' }));
  }

  override async productChanged(id: string): Promise<void> {
    this.invalidations.push({ productId: id, transaction: this.transactions?.current });
    await super.productChanged(id);
  }
}
