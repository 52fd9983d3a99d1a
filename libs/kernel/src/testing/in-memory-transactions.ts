import { TransactionHost } from '@nestjs-cls/transactional';

/** The "transaction" a handler runs in during a unit test: which one, and how deep in savepoints. */
export interface InMemoryTransaction {
  readonly id: number;
  /** 0 for the transaction itself, n inside the n-th nested savepoint (Propagation.Nested). */
  readonly savepoint: number;
}

/**
 * Lets `@Transactional()` methods (ManualTransactionCommandHandler handlers,
 * consumers, `Propagation.RequiresNew` helpers) run in a handler's unit test
 * without Nest or a database. The decorator looks up the process-wide
 * TransactionHost that the Nest plugin normally creates; this registers one
 * whose adapter opens no connection but records what happened, so a spec can
 * assert the boundary: how many transactions began, committed or rolled back,
 * and which transaction was active when a fake was called (`current`).
 * Propagation (Required joins, RequiresNew opens another, Nested makes a
 * savepoint) is nestjs-cls's own logic, unchanged.
 *
 * A fake that should lose its writes on rollback, like a table, registers an
 * undo with `onRollback` as it writes: undos run (newest first) when the
 * transaction or savepoint they were made in rolls back, and a committed
 * savepoint hands its undos to the enclosing transaction. Create one per test
 * (the last one created is the one `@Transactional()` uses).
 */
export class InMemoryTransactions {
  begun = 0;
  committed = 0;
  rolledBack = 0;
  savepointsRolledBack = 0;
  private readonly host: TransactionHost<never>;
  private readonly undos = new Map<InMemoryTransaction, Array<() => void>>();

  constructor() {
    this.host = new TransactionHost({
      connectionName: undefined,
      enableTransactionProxy: false,
      defaultTxOptions: {},
      extraProviderTokens: [],
      getFallbackInstance: () => undefined,
      wrapWithTransaction: async (_options: unknown, fn: () => Promise<unknown>, setTx: (tx?: InMemoryTransaction) => void) => {
        this.begun++;
        const tx = { id: this.begun, savepoint: 0 };
        setTx(tx);
        try {
          const result = await fn();
          this.committed++;
          return result;
        } catch (error) {
          this.rolledBack++;
          this.undo(tx);
          throw error;
        } finally {
          this.undos.delete(tx);
        }
      },
      wrapWithNestedTransaction: async (
        _options: unknown,
        fn: () => Promise<unknown>,
        setTx: (tx?: InMemoryTransaction) => void,
        outer: InMemoryTransaction,
      ) => {
        const savepoint = { id: outer.id, savepoint: outer.savepoint + 1 };
        setTx(savepoint);
        try {
          const result = await fn();
          this.undosOf(outer).push(...this.undosOf(savepoint));
          return result;
        } catch (error) {
          this.savepointsRolledBack++;
          this.undo(savepoint);
          throw error;
        } finally {
          this.undos.delete(savepoint);
          setTx(outer);
        }
      },
    } as never);
  }

  /** The transaction active in the caller's async context, or undefined outside any. */
  get current(): InMemoryTransaction | undefined {
    return (this.host as unknown as { tx: InMemoryTransaction | undefined }).tx;
  }

  /** Registers how to take back a write just made; a no-op outside a transaction (the write is final, like autocommit). */
  onRollback(undo: () => void): void {
    const tx = this.current;
    if (tx) this.undosOf(tx).push(undo);
  }

  private undosOf(tx: InMemoryTransaction): Array<() => void> {
    let list = this.undos.get(tx);
    if (!list) this.undos.set(tx, (list = []));
    return list;
  }

  private undo(tx: InMemoryTransaction): void {
    for (const undo of this.undosOf(tx).reverse()) undo();
  }
}
