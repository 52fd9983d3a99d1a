import type { EventEnvelope } from './event-envelope';

/**
 * A listener for events from the outbox (the Observer pattern across contexts).
 * `handle` runs inside one database transaction together with the inbox record
 * for (consumer, eventId): it takes effect exactly once even when the job is
 * redelivered, and the events of the aggregates it saves (published by their
 * repositories on save) commit with it.
 * Throwing rolls everything back and the job is retried with backoff.
 */
export interface IntegrationEventHandler<TPayload = unknown> {
  handle(event: EventEnvelope<TPayload>): Promise<void>;
}
