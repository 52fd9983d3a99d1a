import { DomainError } from '@keel/kernel/domain';
import type { PaymentProviderName } from '../../domain';

export interface CreateChargeInput {
  /** Derived from the order: the provider answers a repeat with the first charge, never a second one. */
  idempotencyKey: string;
  orderId: string;
  /** Integer minor units. */
  amount: number;
  currency: string;
  method: string;
}

/** What the provider says about a charge. A decline is final; a network failure or 5xx throws OutboundCallError instead. */
export type ChargeOutcome =
  | { status: 'succeeded'; providerReference: string }
  | { status: 'declined'; providerReference: string | null; reason: string }
  | { status: 'pending'; providerReference: string };

export interface RefundInput {
  idempotencyKey: string;
  providerReference: string;
  amount: number;
}

/** A verified webhook, in provider-neutral terms. */
export interface WebhookEvent {
  /** The provider's event id: a redelivery carries the same id. */
  eventId: string;
  type: 'charge.succeeded' | 'charge.failed' | 'charge.refunded' | 'ignored';
  providerReference: string | null;
  reason?: string;
  /** What the provider says was charged (minor units, ISO 4217 upper case), when the event carries it. */
  charged?: { amount: number; currency: string };
}

export class InvalidWebhookSignatureError extends DomainError {
  readonly kind = 'validation' as const;
  readonly code: string = 'invalid-webhook-signature';
}

/** A signed webhook about a charge whose amount or currency is not the payment's: never applied. */
export class WebhookAmountMismatchError extends DomainError {
  readonly kind = 'unprocessable' as const;
  readonly code: string = 'webhook-amount-mismatch';
  constructor() {
    super('The webhook’s amount or currency differs from the payment’s; it was not applied.');
  }
}

/**
 * The Strategy: one adapter per payment provider (Stripe, Razorpay), chosen per
 * order by `payment.provider`. Calls go through the platform's OutboundPolicy.
 */
export interface PaymentProvider {
  readonly name: PaymentProviderName;
  createCharge(input: CreateChargeInput): Promise<ChargeOutcome>;
  getCharge(providerReference: string): Promise<ChargeOutcome>;
  refund(input: RefundInput): Promise<{ refundReference: string }>;
  /** Verifies the signature over the raw body (throws InvalidWebhookSignatureError) and parses the event. */
  parseWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>, now: Date): WebhookEvent;
}

export const PAYMENT_PROVIDER_REGISTRY = Symbol('PAYMENT_PROVIDER_REGISTRY');

export interface PaymentProviderRegistry {
  /** Undefined for a provider Keel does not know. */
  get(name: string): PaymentProvider | undefined;
}

/** Stripe's default tolerance for webhook timestamps. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;
