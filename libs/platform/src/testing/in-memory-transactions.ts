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
 * Nothing is undone on rollback: in-memory fakes keep what was written; assert
 * `rolledBack` instead. Create one per test (the last one created is the one used).
 */
export class InMemoryTransactions {
  begun = 0;
  committed = 0;
  rolledBack = 0;
  savepointsRolledBack = 0;
  private readonly host: TransactionHost<never>;

  constructor() {
    this.host = new TransactionHost({
      connectionName: undefined,
      enableTransactionProxy: false,
      defaultTxOptions: {},
      extraProviderTokens: [],
      getFallbackInstance: () => undefined,
      wrapWithTransaction: async (_options: unknown, fn: () => Promise<unknown>, setTx: (tx?: InMemoryTransaction) => void) => {
        this.begun++;
        setTx({ id: this.begun, savepoint: 0 });
        try {
          const result = await fn();
          this.committed++;
          return result;
        } catch (error) {
          this.rolledBack++;
          throw error;
        }
      },
      wrapWithNestedTransaction: async (
        _options: unknown,
        fn: () => Promise<unknown>,
        setTx: (tx?: InMemoryTransaction) => void,
        outer: InMemoryTransaction,
      ) => {
        setTx({ id: outer.id, savepoint: outer.savepoint + 1 });
        try {
          return await fn();
        } catch (error) {
          this.savepointsRolledBack++;
          throw error;
        } finally {
          setTx(outer);
        }
      },
    } as never);
  }

  /** The transaction active in the caller's async context, or undefined outside any. */
  get current(): InMemoryTransaction | undefined {
    return (this.host as unknown as { tx: InMemoryTransaction | undefined }).tx;
  }
}
