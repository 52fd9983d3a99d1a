import { AggregateRoot, invariant, Money } from '@keel/kernel/domain';
import { InvalidPaymentTransitionError } from './payments.errors';
import { LateChargeDetectedEvent } from './late-charge-detected.domain-event';
import { PaymentFailedEvent } from './payment-failed.domain-event';
import { PaymentRefundedEvent } from './payment-refunded.domain-event';
import { PaymentSucceededEvent } from './payment-succeeded.domain-event';
import { canTransitionPayment, type PaymentProviderName, type PaymentStatus } from './payment-status';

export interface PaymentProps {
  orderId: string;
  userId: string;
  provider: PaymentProviderName;
  method: string;
  amount: Money;
  status: PaymentStatus;
  /** The provider's id of the charge (PaymentIntent / Razorpay payment); null until it answered. */
  providerReference: string | null;
  failureReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const FAILURE_REASON_MAX_LENGTH = 500;

/**
 * One attempt to take an order's money with one provider. It settles once:
 * PENDING → SUCCEEDED | FAILED, and a SUCCEEDED payment may be REFUNDED.
 * Whichever of the provider's answer and its webhook comes first settles it;
 * the other finds it settled (`isSettled`) and changes nothing.
 */
export class Payment extends AggregateRoot {
  private constructor(
    id: string,
    private props: PaymentProps,
  ) {
    super(id);
    this.validate();
  }

  static start(input: {
    id: string;
    orderId: string;
    userId: string;
    provider: PaymentProviderName;
    method: string;
    amount: Money;
    now: Date;
  }): Payment {
    return new Payment(input.id, {
      orderId: input.orderId,
      userId: input.userId,
      provider: input.provider,
      method: input.method,
      amount: input.amount,
      status: 'PENDING',
      providerReference: null,
      failureReason: null,
      createdAt: input.now,
      updatedAt: input.now,
    });
  }

  static restore(id: string, props: PaymentProps): Payment {
    return new Payment(id, { ...props });
  }

  get orderId(): string {
    return this.props.orderId;
  }
  get userId(): string {
    return this.props.userId;
  }
  get provider(): PaymentProviderName {
    return this.props.provider;
  }
  get method(): string {
    return this.props.method;
  }
  get amount(): Money {
    return this.props.amount;
  }
  get status(): PaymentStatus {
    return this.props.status;
  }
  get providerReference(): string | null {
    return this.props.providerReference;
  }
  get failureReason(): string | null {
    return this.props.failureReason;
  }
  get createdAt(): Date {
    return this.props.createdAt;
  }
  get updatedAt(): Date {
    return this.props.updatedAt;
  }
  get isSettled(): boolean {
    return this.props.status !== 'PENDING';
  }

  /** The provider accepted the charge but has not settled it yet (a webhook will). */
  recordReference(providerReference: string, now: Date): void {
    this.props.providerReference = providerReference;
    this.props.updatedAt = now;
    this.validate();
  }

  succeed(providerReference: string, now: Date): void {
    this.transition('SUCCEEDED', now);
    this.props.providerReference = providerReference;
    this.validate();
    this.raise(new PaymentSucceededEvent(this.id, { orderId: this.orderId, paymentId: this.id }));
  }

  fail(reason: string, providerReference: string | null, now: Date): void {
    this.transition('FAILED', now);
    const trimmed = reason.trim() || 'Payment failed';
    this.props.failureReason = trimmed.length > FAILURE_REASON_MAX_LENGTH ? `${trimmed.slice(0, FAILURE_REASON_MAX_LENGTH - 1)}…` : trimmed;
    this.props.providerReference = providerReference ?? this.props.providerReference;
    this.validate();
    this.raise(new PaymentFailedEvent(this.id, { orderId: this.orderId, paymentId: this.id, reason: this.props.failureReason }));
  }

  /**
   * The provider says a charge succeeded after this payment was given up
   * (FAILED, e.g. retries exhausted on timeouts). The order is not paid, so the
   * money must go back: raises LateChargeDetected. True when raised.
   */
  noteLateCharge(providerReference: string): boolean {
    if (this.props.status !== 'FAILED') return false;
    this.raise(new LateChargeDetectedEvent(this.id, { orderId: this.orderId, paymentId: this.id, providerReference }));
    return true;
  }

  refund(now: Date): void {
    this.transition('REFUNDED', now);
    this.raise(new PaymentRefundedEvent(this.id, { orderId: this.orderId, paymentId: this.id }));
  }

  private transition(to: PaymentStatus, now: Date): void {
    if (!canTransitionPayment(this.props.status, to)) throw new InvalidPaymentTransitionError(this.props.status, to);
    this.props.status = to;
    this.props.updatedAt = now;
  }

  private validate(): void {
    const p = this.props;
    invariant(p.method.trim().length > 0, 'A payment has a method');
    invariant(p.status !== 'SUCCEEDED' || p.providerReference !== null, 'A succeeded payment has a provider reference');
    invariant(p.status !== 'FAILED' || p.failureReason !== null, 'A failed payment says why');
  }
}
