/** Every state an order can be in. */
export const ORDER_STATUSES = ['PENDING', 'CONFIRMED', 'PAID', 'REJECTED', 'PAYMENT_FAILED', 'CANCELLED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const isOrderStatus = (value: unknown): value is OrderStatus => ORDER_STATUSES.includes(value as OrderStatus);

/**
 * The order lifecycle as data: each status lists the statuses it may move to.
 * The aggregate consults only this table, so the whole state machine is readable
 * in one place and a new transition is a one-word change.
 *
 *   PENDING ──stock reserved──▶ CONFIRMED ──payment captured──▶ PAID
 *      │                           │                             │
 *      ├──not enough stock──▶ REJECTED      └──declined──▶ PAYMENT_FAILED
 *      └──────────────┴────────── cancelled ─────────────┴──▶ CANCELLED
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PENDING: ['CONFIRMED', 'REJECTED', 'CANCELLED'],
  CONFIRMED: ['PAID', 'PAYMENT_FAILED', 'CANCELLED'],
  PAID: ['CANCELLED'],
  REJECTED: [],
  PAYMENT_FAILED: [],
  CANCELLED: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/** Statuses with no way out. */
export const isTerminal = (status: OrderStatus): boolean => ORDER_TRANSITIONS[status].length === 0;
