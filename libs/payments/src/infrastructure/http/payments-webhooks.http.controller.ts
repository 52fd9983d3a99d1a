import { Controller, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import { Public } from '@keel/platform';
import { HandleWebhookService, InvalidWebhookSignatureError, type WebhookResult } from '../../application';
import type { RawBodyRequest } from './raw-body.hook';

/** Provider webhooks: verified over the raw body, idempotent by provider event id, answered fast. */
@ApiTags('payments')
@Controller('payments/webhooks')
export class PaymentsWebhooksHttpController {
  constructor(private readonly webhooks: HandleWebhookService) {}

  @Post(':provider')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiExcludeEndpoint()
  receive(@Param('provider') provider: string, @Req() request: RawBodyRequest): Promise<WebhookResult> {
    if (!request.rawBody) throw new InvalidWebhookSignatureError('The webhook has no body to verify.');
    return this.webhooks.handle(provider, request.rawBody, request.headers);
  }
}
