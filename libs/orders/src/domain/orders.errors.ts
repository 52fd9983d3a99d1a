import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError, ValidationError } from '@keel/kernel/domain';
import type { OrderStatus } from './order-status';

export class OrderNotFoundError extends NotFoundError {
  override readonly code = 'order-not-found';
  constructor() {
    super('The order does not exist.');
  }
}

/** Some ordered products are not in the catalog. Names them, since the client sent them. */
export class UnknownProductsError extends NotFoundError {
  override readonly code = 'product-not-found';
  constructor(readonly productIds: string[]) {
    super(`Unknown product${productIds.length === 1 ? '' : 's'}: ${productIds.join(', ')}.`);
  }
}

export class OrderNotCancellableError extends ConflictError {
  override readonly code = 'order-not-cancellable';
  constructor(readonly status: OrderStatus) {
    super(`An order that is ${status} cannot be cancelled.`);
  }
}

export class InvalidOrderTransitionError extends ConflictError {
  override readonly code = 'invalid-order-transition';
  constructor(
    readonly from: OrderStatus,
    readonly to: OrderStatus,
  ) {
    super(`An order cannot go from ${from} to ${to}.`);
  }
}

/**
 * Someone else changed the order between our read and our write (optimistic
 * concurrency). Nothing was written; reload and try again. Event consumers are
 * retried by the platform; HTTP commands retry a few times themselves.
 */
export class ConcurrencyError extends ConflictError {
  override readonly code = 'concurrent-modification';
  constructor() {
    super('The order was changed by someone else at the same time; retry.');
  }
}

export class DuplicateOrderItemsError extends ValidationError {
  override readonly code = 'duplicate-order-items';
  constructor(productIds: string[]) {
    super('The same product is listed more than once.', [
      { field: 'items', message: `must list each product once; repeated: ${productIds.join(', ')}` },
    ]);
  }
}

export class MixedCurrenciesError extends UnprocessableError {
  override readonly code = 'mixed-currencies';
  constructor(currencies: string[]) {
    super(`All products of one order must be priced in the same currency; got ${currencies.join(', ')}.`);
  }
}

export class OrderTotalTooLargeError extends UnprocessableError {
  override readonly code = 'order-total-too-large';
  constructor() {
    super('The order total is larger than a single order may be.');
  }
}

/**
 * The chosen payment provider is switched off (feature flag
 * `payments.<provider>.enabled`). A distinct code, so clients can offer the
 * other provider instead of failing the checkout.
 */
export class PaymentProviderUnavailableError extends UnprocessableError {
  override readonly code = 'payment-provider-unavailable';
  constructor(readonly provider: string) {
    super(`Payment provider ${provider} is currently unavailable; choose another payment provider or try again later.`);
  }
}

/** The customer has not proved they own their email address yet (403: authenticated, not allowed to order). */
export class EmailNotVerifiedError extends ForbiddenError {
  override readonly code = 'email-not-verified';
  constructor() {
    super('Verify your email address before placing orders (POST /api/v1/auth/verify-email/resend sends the link again).');
  }
}

/** The order has no invoice document yet (not paid, or the PDF is still being rendered). */
export class InvoiceNotReadyError extends ConflictError {
  override readonly code = 'invoice-not-ready';
  constructor() {
    super('The invoice of this order is not ready yet; it is created once the order is paid.');
  }
}
