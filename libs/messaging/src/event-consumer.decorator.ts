import { applyDecorators, Injectable, SetMetadata } from '@nestjs/common';

export const EVENT_CONSUMER = 'keel:eventConsumer';

export interface EventConsumerOptions {
  /** Unique, stable consumer name, `<context>.<what it does>` (e.g. `shop.hold-items`). It names the queue and the inbox key. */
  name: string;
  /** Event names this consumer listens to. */
  events: string[];
  /** Per-job timeout (default 30 s). */
  timeoutMs?: number;
  /** Attempts before the job is dead-lettered (default 8). */
  attempts?: number;
  /** Jobs processed at once per worker (default 5). */
  concurrency?: number;
}

/**
 * Marks a provider as a consumer of integration events. Register it in its
 * context module's providers; the platform discovers it, gives it a queue, and
 * runs it in the worker.
 *
 * @example
 * @EventConsumer({ name: 'shop.hold-items', events: [CART_CHECKED_OUT] })
 * export class HoldItemsOnCartCheckedOut implements IntegrationEventHandler<CartCheckedOutPayload> { … }
 */
export const EventConsumer = (options: EventConsumerOptions) => applyDecorators(Injectable(), SetMetadata(EVENT_CONSUMER, options));
