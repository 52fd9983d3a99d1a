/**
 * What travels from the outbox through a queue to a consumer. Serialisable JSON:
 * `payload` must contain only plain data (ids, numbers, strings, ISO dates).
 */
export interface EventEnvelope<TPayload = unknown> {
  eventId: string;
  /** Stable wire name, `<context>.<event>` (e.g. `shop.cart-checked-out`). */
  eventName: string;
  aggregateId: string;
  occurredAt: string;
  payload: TPayload;
  /** Request id of the HTTP request (or job) that caused the event. */
  requestId?: string;
  /** W3C trace context of the cause, so one order is one trace. */
  traceparent?: string;
}
