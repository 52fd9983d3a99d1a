import { randomUUID } from 'node:crypto';

/**
 * Something that happened in the domain, named in the past tense.
 * `eventId` makes every occurrence unique so consumers can be idempotent.
 */
export abstract class DomainEvent<TPayload extends object = object> {
  readonly eventId: string = randomUUID();
  readonly occurredAt: Date = new Date();
  /** Stable wire name, `<context>.<event>` (e.g. `shop.cart-checked-out`). */
  abstract readonly eventName: string;

  constructor(
    readonly aggregateId: string,
    readonly payload: TPayload,
  ) {}
}
