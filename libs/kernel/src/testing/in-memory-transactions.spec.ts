import { Propagation, Transactional } from '@nestjs-cls/transactional';
import { InMemoryTransactions } from './in-memory-transactions';

class Worker {
  seen: Array<{ id: number; savepoint: number } | undefined> = [];
  constructor(private readonly transactions: InMemoryTransactions) {}

  @Transactional()
  async outer(fail = false): Promise<void> {
    this.seen.push(this.transactions.current);
    await this.joined();
    await this.separate();
    await this.nested().catch(() => undefined);
    if (fail) throw new Error('boom');
  }

  @Transactional()
  private async joined(): Promise<void> {
    this.seen.push(this.transactions.current);
  }

  @Transactional(Propagation.RequiresNew)
  private async separate(): Promise<void> {
    this.seen.push(this.transactions.current);
  }

  @Transactional(Propagation.Nested)
  private async nested(): Promise<void> {
    this.seen.push(this.transactions.current);
    throw new Error('undo the savepoint');
  }
}

describe('InMemoryTransactions', () => {
  it('when @Transactional methods run without Nest, then propagation is honoured and the outcome recorded', async () => {
    const transactions = new InMemoryTransactions();
    const worker = new Worker(transactions);

    await worker.outer();

    expect(worker.seen).toEqual([
      { id: 1, savepoint: 0 },
      { id: 1, savepoint: 0 },
      { id: 2, savepoint: 0 },
      { id: 1, savepoint: 1 },
    ]);
    expect(transactions).toMatchObject({ begun: 2, committed: 2, rolledBack: 0, savepointsRolledBack: 1 });
    expect(transactions.current).toBeUndefined();
  });

  it('when the outer method throws, then its transaction is rolled back', async () => {
    const transactions = new InMemoryTransactions();
    await expect(new Worker(transactions).outer(true)).rejects.toThrow('boom');
    expect(transactions).toMatchObject({ begun: 2, committed: 1, rolledBack: 1 });
  });

  it('when a transaction or savepoint rolls back, then the undos registered inside it run, newest first', async () => {
    const transactions = new InMemoryTransactions();
    const log: string[] = [];
    class Writer {
      @Transactional()
      async run(): Promise<void> {
        transactions.onRollback(() => log.push('undo a'));
        await this.keep();
        await this.drop().catch(() => undefined);
        throw new Error('roll back all');
      }
      @Transactional(Propagation.Nested)
      private async keep(): Promise<void> {
        transactions.onRollback(() => log.push('undo b'));
      }
      @Transactional(Propagation.Nested)
      private async drop(): Promise<void> {
        transactions.onRollback(() => log.push('undo c'));
        throw new Error('roll back the savepoint');
      }
    }

    await expect(new Writer().run()).rejects.toThrow('roll back all');

    expect(log).toEqual(['undo c', 'undo b', 'undo a']);
  });
});
