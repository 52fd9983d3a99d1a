import { DomainEvent } from './domain-event';

/**
 * Base for aggregates: records the domain events its intention-named methods
 * raise, so the application layer can persist them (outbox) with the state change.
 */
export abstract class AggregateRoot<TId = string> {
  private readonly pendingEvents: DomainEvent[] = [];

  protected constructor(readonly id: TId) {}

  protected raise(event: DomainEvent): void {
    this.pendingEvents.push(event);
  }

  /** Returns and forgets the events raised since the last call. */
  pullEvents(): DomainEvent[] {
    return this.pendingEvents.splice(0, this.pendingEvents.length);
  }
}
