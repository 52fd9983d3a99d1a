import { applyDecorators } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import type { OpenApiSecurityScheme } from '@keel/kernel';

/** The providers' webhook signatures as OpenAPI security schemes (added to the document from paymentsContext). */
export const WEBHOOK_SIGNATURE_SCHEMES: Record<'stripeSignature' | 'razorpaySignature', OpenApiSecurityScheme> = {
  stripeSignature: {
    type: 'apiKey',
    in: 'header',
    name: 'Stripe-Signature',
    description: 'Stripe webhook signature: `t=<unix time>,v1=<HMAC-SHA256 of "t.body">` with the endpoint secret; 5-minute tolerance',
  },
  razorpaySignature: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Razorpay-Signature',
    description: 'Razorpay webhook signature: hex HMAC-SHA256 of the raw body with the webhook secret',
  },
};

/** Header names carrying a webhook signature: redacted from logs like any credential. */
export const WEBHOOK_SIGNATURE_HEADERS = Object.values(WEBHOOK_SIGNATURE_SCHEMES).map((scheme) => String(scheme.name).toLowerCase());

/** A payment provider's webhook signature: either provider's scheme authenticates the call. */
export const ApiWebhookSignatureAuth = () => applyDecorators(...Object.keys(WEBHOOK_SIGNATURE_SCHEMES).map((name) => ApiSecurity(name)));
