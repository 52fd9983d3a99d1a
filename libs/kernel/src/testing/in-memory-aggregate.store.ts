import type { AggregateRoot } from '../domain';
import { InMemoryEventOutbox } from './in-memory-event-outbox';

/**
 * The shared core of every in-memory repository fake: aggregates by id, and
 * publish-on-save like the real repositories (AggregateTypeOrmRepositoryBase),
 * so a handler's unit test sees exactly the events a real save would record.
 * A context's fake of its repository port wraps one of these and adds the
 * port's queries (`libs/<context>/src/testing/<port>.fake.ts`).
 */
export class InMemoryAggregateStore<TAggregate extends AggregateRoot<string>> {
  private readonly byId = new Map<string, TAggregate>();

  constructor(readonly outbox: InMemoryEventOutbox = new InMemoryEventOutbox()) {}

  /** Stores the aggregate (insert or update) and publishes the events it raised since its last save. */
  async save(aggregate: TAggregate): Promise<void> {
    this.byId.set(aggregate.id, aggregate);
    await this.outbox.publish(...aggregate.pullEvents());
  }

  /** Arranges stored aggregates without publishing their events (a test's "given", not what it asserts). */
  arrange(...aggregates: TAggregate[]): void {
    for (const aggregate of aggregates) {
      aggregate.pullEvents();
      this.byId.set(aggregate.id, aggregate);
    }
  }

  get(id: string): TAggregate | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  all(): TAggregate[] {
    return [...this.byId.values()];
  }
}
