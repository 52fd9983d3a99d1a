import type { WebhookInbox } from '../application';
import type { PaymentProviderName } from '../domain';

/** WebhookInbox in memory: the provider event ids claimed so far. */
export class InMemoryWebhookInbox implements WebhookInbox {
  readonly claimed = new Set<string>();

  async claim(provider: PaymentProviderName, eventId: string): Promise<boolean> {
    const key = `${provider}:${eventId}`;
    if (this.claimed.has(key)) return false;
    this.claimed.add(key);
    return true;
  }
}
