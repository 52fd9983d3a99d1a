import type { PaymentProviderName } from '../../domain';

export const WEBHOOK_INBOX = Symbol('WEBHOOK_INBOX');

/** Provider event ids already handled: claim returns false for a replay. */
export interface WebhookInbox {
  claim(provider: PaymentProviderName, eventId: string, type: string): Promise<boolean>;
}
