import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { EVENT_CONSUMER, EventConsumerOptions } from './event-consumer.decorator';
import type { IntegrationEventHandler } from './integration-event-handler';
import { DEFAULT_JOB_ATTEMPTS } from './retry-backoff';

export interface RegisteredConsumer {
  options: Required<EventConsumerOptions>;
  /** Consumers of one bounded context share a queue named after it (its name, e.g. `shop`). */
  queue: string;
  handler: IntegrationEventHandler;
}

const DEFAULTS = { timeoutMs: 30_000, attempts: DEFAULT_JOB_ATTEMPTS, concurrency: 5 };

/** Finds every @EventConsumer provider at boot: the subscription table of the outbox relay and the workers. */
@Injectable()
export class ConsumerRegistry implements OnModuleInit {
  private readonly byName = new Map<string, RegisteredConsumer>();
  private discovered = false;

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    this.discover();
  }

  /**
   * Providers exist as soon as the container is built (before init), so the
   * table can be read early, e.g. by the queue dashboard mounted before listen.
   */
  private discover(): void {
    if (this.discovered) return;
    this.discovered = true;
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as IntegrationEventHandler | undefined;
      if (!instance || !wrapper.metatype) continue;
      const options = Reflect.getMetadata(EVENT_CONSUMER, wrapper.metatype) as EventConsumerOptions | undefined;
      if (!options) continue;
      if (this.byName.has(options.name)) throw new Error(`Two event consumers are named ${options.name}`);
      this.byName.set(options.name, { options: { ...DEFAULTS, ...options }, queue: queueOf(options.name), handler: instance });
    }
  }

  all(): RegisteredConsumer[] {
    this.discover();
    return [...this.byName.values()];
  }

  get(name: string): RegisteredConsumer | undefined {
    this.discover();
    return this.byName.get(name);
  }

  subscribersOf(eventName: string): RegisteredConsumer[] {
    return this.all().filter((c) => c.options.events.includes(eventName));
  }

  queueNames(): string[] {
    return [...new Set(this.all().map((c) => c.queue))].sort();
  }
}

export const queueOf = (consumerName: string) => consumerName.split('.')[0] ?? consumerName;
