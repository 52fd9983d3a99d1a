import { AggregateRoot, invariant, MAX_MINOR_UNITS, Money, ValidationError } from '@keel/kernel/domain';
import { OrderItem, type OrderItemProps, ORDER_MAX_ITEMS, ORDER_MIN_ITEMS } from './order-item.value-object';
import {
  DuplicateOrderItemsError,
  InvalidOrderTransitionError,
  MixedCurrenciesError,
  OrderNotCancellableError,
  OrderTotalTooLargeError,
} from './orders.errors';
import { OrderCancelledEvent } from './order-cancelled.domain-event';
import { OrderConfirmedEvent } from './order-confirmed.domain-event';
import { OrderPaidEvent } from './order-paid.domain-event';
import { OrderPaymentFailedEvent } from './order-payment-failed.domain-event';
import { OrderPlacedEvent } from './order-placed.domain-event';
import { OrderRejectedEvent } from './order-rejected.domain-event';
import { PaymentRequestedEvent } from './payment-requested.domain-event';
import { canTransition, isOrderStatus, type OrderStatus } from './order-status';
import type { PaymentChoice } from './payment-choice.value-object';

export interface OrderHistoryEntry {
  status: OrderStatus;
  at: Date;
  reason: string | null;
}

export interface OrderProps {
  userId: string;
  status: OrderStatus;
  /** Why the order is in its status (rejection, failure, cancellation); null when nothing to explain. */
  statusReason: string | null;
  items: OrderItem[];
  payment: PaymentChoice;
  /** Every status the order has been in, oldest first, creation included. Append-only. */
  history: OrderHistoryEntry[];
  createdAt: Date;
  updatedAt: Date;
  /** Optimistic concurrency token: the stored version this aggregate was loaded at (1 when new). */
  version: number;
}

/** Reasons are human-readable notes, bounded so a chatty upstream cannot bloat an order. */
export const STATUS_REASON_MAX_LENGTH = 500;

/**
 * A customer's order. Its lifecycle is the transition table in `order-status.ts`;
 * every change goes through `transition()`, which checks the table, records the
 * history entry and the reason. Integration events are raised here and saved
 * to the outbox by its repository on save, in the same transaction.
 */
export class Order extends AggregateRoot {
  readonly total: Money;

  private constructor(
    id: string,
    private props: OrderProps,
  ) {
    super(id);
    this.total = Order.sum(props.items);
    this.validate();
  }

  static place(input: { id: string; userId: string; items: OrderItemProps[]; payment: PaymentChoice; now: Date }): Order {
    Order.assertItemCount(input.items.length);
    const items = input.items.map((item, index) => OrderItem.create(item, index));
    const repeated = [...new Set(items.map((i) => i.productId).filter((id, index, all) => all.indexOf(id) !== index))];
    if (repeated.length > 0) throw new DuplicateOrderItemsError(repeated);
    const currencies = [...new Set(items.map((i) => i.unitPrice.currency))];
    if (currencies.length > 1) throw new MixedCurrenciesError(currencies);

    const order = new Order(input.id, {
      userId: input.userId,
      status: 'PENDING',
      statusReason: null,
      items,
      payment: input.payment,
      history: [{ status: 'PENDING', at: input.now, reason: null }],
      createdAt: input.now,
      updatedAt: input.now,
      version: 1,
    });
    order.raise(
      new OrderPlacedEvent(order.id, {
        orderId: order.id,
        userId: order.userId,
        items: items.map((i) => ({ productId: i.productId, quantity: i.quantity })),
        total: order.total.toJSON(),
      }),
    );
    return order;
  }

  /** Rebuilds a stored order; no events, the facts already happened. */
  static restore(id: string, props: OrderProps): Order {
    return new Order(id, { ...props, items: [...props.items], history: props.history.map((h) => ({ ...h })) });
  }

  get userId(): string {
    return this.props.userId;
  }
  get status(): OrderStatus {
    return this.props.status;
  }
  get statusReason(): string | null {
    return this.props.statusReason;
  }
  get items(): OrderItem[] {
    return [...this.props.items];
  }
  get payment(): PaymentChoice {
    return this.props.payment;
  }
  get history(): OrderHistoryEntry[] {
    return this.props.history.map((h) => ({ ...h }));
  }
  get createdAt(): Date {
    return this.props.createdAt;
  }
  get updatedAt(): Date {
    return this.props.updatedAt;
  }
  get version(): number {
    return this.props.version;
  }

  isOwnedBy(userId: string): boolean {
    return this.props.userId === userId;
  }

  canTransitionTo(status: OrderStatus): boolean {
    return canTransition(this.props.status, status);
  }

  /** Inventory reserved the stock: ask for the payment. */
  confirm(now: Date): void {
    this.transition('CONFIRMED', now, null);
    const total = this.total.toJSON();
    this.raise(new OrderConfirmedEvent(this.id, { orderId: this.id, userId: this.userId, total }));
    this.raise(
      new PaymentRequestedEvent(this.id, {
        orderId: this.id,
        userId: this.userId,
        amount: total,
        provider: this.props.payment.provider,
        method: this.props.payment.method,
      }),
    );
  }

  /** Inventory could not reserve the stock. */
  reject(reason: string, now: Date): void {
    const why = this.transition('REJECTED', now, reason).reason;
    this.raise(new OrderRejectedEvent(this.id, { orderId: this.id, userId: this.userId, reason: why }));
  }

  /** The payment was captured. */
  markPaid(now: Date): void {
    this.transition('PAID', now, null);
    this.raise(new OrderPaidEvent(this.id, { orderId: this.id, userId: this.userId, total: this.total.toJSON() }));
  }

  /** The payment was declined or the provider kept failing. */
  markPaymentFailed(reason: string, now: Date): void {
    const why = this.transition('PAYMENT_FAILED', now, reason).reason;
    this.raise(new OrderPaymentFailedEvent(this.id, { orderId: this.id, userId: this.userId, reason: why }));
  }

  /** The customer or an admin calls the order off. Throws OrderNotCancellableError once it is final. */
  cancel(reason: string, now: Date): void {
    const { from, reason: why } = this.transition('CANCELLED', now, reason);
    this.raise(new OrderCancelledEvent(this.id, { orderId: this.id, userId: this.userId, reason: why, previousStatus: from }));
  }

  /** The only place the status changes. */
  private transition<R extends string | null>(to: OrderStatus, now: Date, reason: R): { from: OrderStatus; reason: R } {
    const from = this.props.status;
    if (!canTransition(from, to)) {
      throw to === 'CANCELLED' ? new OrderNotCancellableError(from) : new InvalidOrderTransitionError(from, to);
    }
    const note = (reason === null ? null : Order.normaliseReason(reason)) as R;
    this.props.status = to;
    this.props.statusReason = note;
    this.props.history = [...this.props.history, { status: to, at: now, reason: note }];
    this.props.updatedAt = now;
    this.validate();
    return { from, reason: note };
  }

  private static normaliseReason(reason: string): string {
    const trimmed = reason.trim();
    invariant(trimmed.length > 0, 'A status reason is never blank');
    return trimmed.length > STATUS_REASON_MAX_LENGTH ? `${trimmed.slice(0, STATUS_REASON_MAX_LENGTH - 1)}…` : trimmed;
  }

  private static assertItemCount(count: number): void {
    if (count < ORDER_MIN_ITEMS || count > ORDER_MAX_ITEMS) {
      throw new ValidationError('Invalid number of items.', [
        { field: 'items', message: `must contain ${ORDER_MIN_ITEMS} to ${ORDER_MAX_ITEMS} items` },
      ]);
    }
  }

  private static sum(items: OrderItem[]): Money {
    invariant(items.length > 0, 'An order has at least one item');
    const currency = items[0].unitPrice.currency;
    const amount = items.reduce((total, item) => total + item.lineTotal.amount, 0);
    if (amount > MAX_MINOR_UNITS) throw new OrderTotalTooLargeError();
    return items.reduce((total, item) => total.add(item.lineTotal), Money.zero(currency));
  }

  private validate(): void {
    const p = this.props;
    invariant(p.items.length >= ORDER_MIN_ITEMS && p.items.length <= ORDER_MAX_ITEMS, 'An order has 1 to 50 items');
    invariant(new Set(p.items.map((i) => i.productId)).size === p.items.length, 'An order lists each product once');
    invariant(isOrderStatus(p.status), 'An order has a known status');
    invariant(p.history.length > 0 && p.history[0].status === 'PENDING', 'An order history starts with PENDING');
    invariant(p.history[p.history.length - 1].status === p.status, 'The last history entry is the current status');
    invariant(Number.isInteger(p.version) && p.version >= 1, 'An order version is a positive integer');
  }
}
