import { Command } from '@nestjs/cqrs';

export type WebhookResult = { received: true; duplicate: boolean };

/** A provider's webhook exactly as it arrived: the raw body is what its signature covers. */
export class HandleWebhookCommand extends Command<WebhookResult> {
  constructor(
    readonly provider: string,
    readonly rawBody: Buffer,
    readonly headers: Record<string, string | string[] | undefined>,
  ) {
    super();
  }
}
