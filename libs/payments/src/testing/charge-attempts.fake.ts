import type { ChargeAttemptsCounter } from '../application';

/** ChargeAttemptsCounter in memory. Like the real one, it is outside any transaction: a rollback keeps the count. */
export class InMemoryChargeAttemptsCounter implements ChargeAttemptsCounter {
  readonly attempts = new Map<string, number>();

  async increment(orderId: string): Promise<number> {
    const next = (this.attempts.get(orderId) ?? 0) + 1;
    this.attempts.set(orderId, next);
    return next;
  }
}
