import type { InMemoryTransactions } from '@keel/kernel/testing';
import { LoginThrottle, type LoginThrottleRepository } from '../domain';

const copy = (t: LoginThrottle) =>
  LoginThrottle.restore(t.accountKey, {
    failures: t.failures,
    windowStartedAt: t.windowStartedAt,
    lastFailureAt: t.lastFailureAt,
    lockedUntil: t.lockedUntil,
    lockouts: t.lockouts,
  });

/** LoginThrottleRepository in memory. Given the test's transactions, its writes are undone when their transaction rolls back. */
export class InMemoryLoginThrottleRepository implements LoginThrottleRepository {
  private readonly byKey = new Map<string, LoginThrottle>();

  constructor(private readonly transactions?: InMemoryTransactions) {}

  stored(accountKey: string): LoginThrottle | undefined {
    const throttle = this.byKey.get(accountKey);
    return throttle && copy(throttle);
  }

  async find(accountKey: string): Promise<LoginThrottle | null> {
    return this.stored(accountKey) ?? null;
  }

  async lockOrStart(accountKey: string, now: Date): Promise<LoginThrottle> {
    if (!this.byKey.has(accountKey)) this.write(accountKey, LoginThrottle.start(accountKey, now));
    return copy(this.byKey.get(accountKey)!);
  }

  async save(throttle: LoginThrottle): Promise<void> {
    if (this.byKey.has(throttle.accountKey)) this.write(throttle.accountKey, copy(throttle));
  }

  async clear(accountKey: string): Promise<void> {
    this.write(accountKey, undefined);
  }

  async clearAccount(accountKey: string): Promise<void> {
    for (const key of [...this.byKey.keys()]) if (key === accountKey || key.startsWith(`${accountKey}:`)) this.write(key, undefined);
  }

  keys(): string[] {
    return [...this.byKey.keys()];
  }

  async purgeIdle(before: Date, now: Date): Promise<void> {
    for (const [key, t] of this.byKey) {
      if (t.lastFailureAt < before && (!t.lockedUntil || t.lockedUntil < now)) this.write(key, undefined);
    }
  }

  private write(key: string, throttle: LoginThrottle | undefined): void {
    const before = this.byKey.get(key);
    if (throttle) this.byKey.set(key, throttle);
    else this.byKey.delete(key);
    this.transactions?.onRollback(() => (before ? this.byKey.set(key, before) : this.byKey.delete(key)));
  }
}
