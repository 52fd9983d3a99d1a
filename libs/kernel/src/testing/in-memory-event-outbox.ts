import type { DomainEvent } from '../domain';

/**
 * The outbox of a handler's unit test: what a repository fake "published" on
 * save, in order. It implements the same contract as the platform's EventOutbox
 * port (structurally, so this folder needs nothing from persistence).
 */
export class InMemoryEventOutbox {
  readonly published: DomainEvent[] = [];

  async publish(...events: DomainEvent[]): Promise<void> {
    this.published.push(...events);
  }

  /** The names of the published events, the usual thing a handler test asserts. */
  get names(): string[] {
    return this.published.map((event) => event.eventName);
  }
}
