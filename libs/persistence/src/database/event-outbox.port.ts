import type { DomainEvent } from '@keel/kernel';

/**
 * Where a saved aggregate's events go: the transactional outbox, written in the
 * ambient transaction. Declared here (persistence) and implemented by messaging's
 * OutboxPublisher, so the repository base can publish on save without the
 * persistence code depending on the messaging code (the dependency points one way).
 */
export abstract class EventOutbox {
  /** Records the events in the current transaction; one statement whatever their number. */
  abstract publish(...events: DomainEvent[]): Promise<void>;
}
