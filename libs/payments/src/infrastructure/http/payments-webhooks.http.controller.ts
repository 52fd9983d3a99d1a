import { Controller, HttpCode, HttpStatus, Param, ParseEnumPipe, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems, Public } from '@keel/http';
import { NotFoundError } from '@keel/kernel/domain';
import { PAYMENT_PROVIDERS } from '../../domain';
import { HandleWebhookCommand, InvalidWebhookSignatureError, type WebhookResult } from '../../application';
import { WebhookReceivedResponseDto } from './dto/webhook-received.response.dto';
import type { RawBodyRequest } from './raw-body.hook';
import { ApiWebhookSignatureAuth } from './webhook-signature.openapi';

// An unknown provider is a 404 that does not echo the (possibly huge) path segment back.
const KnownProvider = new ParseEnumPipe(Object.fromEntries(PAYMENT_PROVIDERS.map((p) => [p, p])), {
  exceptionFactory: () => new NotFoundError('No webhook for this provider.'),
});

/** Provider webhooks: verified over the raw body, idempotent by provider event id, answered fast. */
@ApiTags('payments')
@Controller('payments/webhooks')
export class PaymentsWebhooksHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':provider')
  @Public()
  @HttpCode(HttpStatus.OK)
  // Public to the bearer guard: the provider authenticates with its signature header instead.
  @ApiWebhookSignatureAuth()
  @ApiOperation({
    operationId: 'receivePaymentWebhook',
    summary: 'Payment provider webhook (Stripe or Razorpay)',
    description:
      'Verified over the raw body: Stripe with `Stripe-Signature` (5-minute tolerance), Razorpay with `X-Razorpay-Signature`. ' +
      'Idempotent by the provider event id.',
  })
  @ApiParam({ name: 'provider', schema: { type: 'string', enum: [...PAYMENT_PROVIDERS], example: 'stripe' } })
  @ApiBody({
    description: "The provider's event, exactly as the provider sends it",
    schema: {
      type: 'object',
      example: { id: 'evt_1PqR8sT2uV4wX6yZ', type: 'payment_intent.succeeded', data: { object: { id: 'pi_3PqR8sT2uV4wX6yZ' } } },
    },
  })
  @ApiOkResponse({ type: WebhookReceivedResponseDto })
  @ApiProblems(
    [400, 'Missing, invalid or expired signature, or a malformed event'],
    [404, 'Unknown provider'],
    [
      422,
      'A signed event about a charge whose amount or currency differs from the payment (`webhook-amount-mismatch`); not applied, logged',
    ],
  )
  receive(@Param('provider', KnownProvider) provider: string, @Req() request: RawBodyRequest): Promise<WebhookResult> {
    if (!request.rawBody) throw new InvalidWebhookSignatureError('The webhook has no body to verify.');
    return this.commands.execute(new HandleWebhookCommand(provider, request.rawBody, request.headers));
  }
}
