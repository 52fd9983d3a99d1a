import type { AuditEntry } from '../audit';
import type { InMemoryTransaction, InMemoryTransactions } from './in-memory-transactions';

/**
 * The audit trail of a handler's unit test: the entries recorded, in order, and
 * the transaction each was recorded in. Given the test's InMemoryTransactions,
 * an entry disappears when its transaction rolls back, as the real row would
 * (the writer runs in the change's transaction). Structurally an AuditTrail.
 */
export class InMemoryAuditTrail {
  readonly entries: Array<AuditEntry & { transaction?: InMemoryTransaction }> = [];

  constructor(private readonly transactions?: InMemoryTransactions) {}

  async record(entry: AuditEntry): Promise<void> {
    const recorded = { ...entry, transaction: this.transactions?.current };
    this.entries.push(recorded);
    this.transactions?.onRollback(() => this.entries.splice(this.entries.indexOf(recorded), 1));
  }

  get actions(): string[] {
    return this.entries.map((entry) => entry.action);
  }
}
