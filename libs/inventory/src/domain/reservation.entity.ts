import { AggregateRoot, invariant, ValidationError } from '@keel/kernel/domain';
import { StockRejectedEvent } from './stock-rejected.domain-event';
import { StockReservedEvent } from './stock-reserved.domain-event';
import { MAX_STOCK_UNITS } from './stock-item.entity';

export const RESERVATION_STATUSES = ['RESERVED', 'RELEASED', 'REJECTED'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

export interface ReservationLine {
  productId: string;
  quantity: number;
}

/** Why a line could not be held. */
export interface Shortfall {
  productId: string;
  requested: number;
  available: number;
}

export interface ReservationProps {
  orderId: string;
  /** Units held (RESERVED) or once held (RELEASED). Empty for a rejection or a tombstone. */
  lines: ReservationLine[];
  status: ReservationStatus;
  /** Why a reservation was rejected; null otherwise. */
  reason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Order lines as inventory holds them: one line per product (duplicates
 * merged), sorted by product id. Holding rows in one global order means two
 * reservations never wait on each other in a cycle (no deadlocks).
 */
export function toReservationLines(items: ReadonlyArray<{ productId: unknown; quantity: unknown }>): ReservationLine[] {
  const byProduct = new Map<string, number>();
  items.forEach((item, index) => {
    const { productId, quantity } = item;
    if (typeof productId !== 'string' || productId.length === 0) {
      throw new ValidationError('Invalid order line.', [{ field: `items[${index}].productId`, message: 'must be a product id' }]);
    }
    if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity <= 0) {
      throw new ValidationError('Invalid order line.', [{ field: `items[${index}].quantity`, message: 'must be a positive integer' }]);
    }
    byProduct.set(productId, (byProduct.get(productId) ?? 0) + quantity);
  });
  return [...byProduct]
    .map(([productId, quantity]) => ({ productId, quantity }))
    .sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
}

/** A reason a person can act on: which product, how many were asked for, how many there are. */
export function describeShortfalls(shortfalls: Shortfall[]): string {
  return shortfalls
    .map((s) =>
      s.available === 0 && s.requested > 0
        ? `Product ${s.productId} is out of stock: requested ${s.requested}, available 0`
        : `Not enough stock for product ${s.productId}: requested ${s.requested}, available ${s.available}`,
    )
    .join('; ');
}

/**
 * What inventory did about one order: units held (RESERVED), given back
 * (RELEASED), or refused (REJECTED). One per order, whatever happens, so
 * redelivered or late events can never hold stock twice.
 */
export class Reservation extends AggregateRoot {
  private constructor(
    id: string,
    private props: ReservationProps,
  ) {
    super(id);
    this.validate();
  }

  /** Every line was held: records it and announces StockReserved. */
  static hold(input: { id: string; orderId: string; lines: ReservationLine[]; now: Date }): Reservation {
    const reservation = new Reservation(input.id, {
      orderId: input.orderId,
      lines: input.lines.map((line) => ({ ...line })),
      status: 'RESERVED',
      reason: null,
      createdAt: input.now,
      updatedAt: input.now,
    });
    reservation.raise(new StockReservedEvent(input.id, { orderId: input.orderId, reservationId: input.id }));
    return reservation;
  }

  /** Nothing was held: records why and announces StockRejected. */
  static reject(input: { id: string; orderId: string; reason: string; productIds: string[]; now: Date }): Reservation {
    const reservation = new Reservation(input.id, {
      orderId: input.orderId,
      lines: [],
      status: 'REJECTED',
      reason: input.reason,
      createdAt: input.now,
      updatedAt: input.now,
    });
    reservation.raise(
      new StockRejectedEvent(input.id, { orderId: input.orderId, reason: input.reason, productIds: [...new Set(input.productIds)] }),
    );
    return reservation;
  }

  /**
   * The order was cancelled before inventory saw it: a released, empty
   * reservation, so an order-placed event arriving late never holds stock.
   */
  static tombstone(input: { id: string; orderId: string; now: Date }): Reservation {
    return new Reservation(input.id, {
      orderId: input.orderId,
      lines: [],
      status: 'RELEASED',
      reason: null,
      createdAt: input.now,
      updatedAt: input.now,
    });
  }

  static restore(id: string, props: ReservationProps): Reservation {
    return new Reservation(id, { ...props, lines: props.lines.map((line) => ({ ...line })) });
  }

  get orderId(): string {
    return this.props.orderId;
  }
  get lines(): ReservationLine[] {
    return this.props.lines.map((line) => ({ ...line }));
  }
  get status(): ReservationStatus {
    return this.props.status;
  }
  get reason(): string | null {
    return this.props.reason;
  }
  get createdAt(): Date {
    return this.props.createdAt;
  }
  get updatedAt(): Date {
    return this.props.updatedAt;
  }

  /**
   * Gives the held units back. Returns the lines whose units must return to
   * the shelf: all of them the first time, none when nothing is held (already
   * released, or rejected), so releasing twice never returns stock twice.
   */
  release(now: Date): ReservationLine[] {
    if (this.props.status !== 'RESERVED') return [];
    this.props = { ...this.props, status: 'RELEASED', updatedAt: now };
    return this.lines;
  }

  private validate(): void {
    const { orderId, lines, status, reason } = this.props;
    invariant(orderId.length > 0, 'A reservation belongs to an order');
    invariant(RESERVATION_STATUSES.includes(status), `Unknown reservation status ${status}`);
    invariant(status !== 'RESERVED' || lines.length > 0, 'A held reservation holds at least one line');
    invariant(status !== 'REJECTED' || (reason !== null && reason.length > 0), 'A rejection says why');
    invariant(new Set(lines.map((l) => l.productId)).size === lines.length, 'One line per product');
    for (const line of lines) {
      invariant(line.productId.length > 0, 'A line names a product');
      invariant(
        Number.isSafeInteger(line.quantity) && line.quantity > 0 && line.quantity <= MAX_STOCK_UNITS,
        'A line holds a positive quantity',
      );
    }
  }
}
