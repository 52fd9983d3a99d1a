import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '../event-envelope';

/** An integration event as the platform hands it to a consumer, for consumers' unit specs. */
export const eventEnvelope = <T>(eventName: string, payload: T): EventEnvelope<T> => ({
  eventId: randomUUID(),
  eventName,
  aggregateId: randomUUID(),
  occurredAt: new Date().toISOString(),
  payload,
});
