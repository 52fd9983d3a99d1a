import type { Order } from './order.entity';
import type { OrderStatus } from './order-status';

export const ORDER_REPOSITORY = Symbol('OrderRepository');

export interface OrderListOptions {
  /** Only this customer's orders; all orders when absent (admin). */
  userId?: string;
  status?: OrderStatus;
  limit: number;
  /** Newest first, strictly after this position (keyset pagination). */
  after?: { createdAt: Date; id: string };
}

export interface OrderRepository {
  findById(id: string): Promise<Order | null>;
  insert(order: Order): Promise<void>;
  /**
   * Writes the order's new state if nobody changed it since it was loaded
   * (`WHERE id = ? AND version = ?`); otherwise throws ConcurrencyError and writes nothing.
   */
  update(order: Order): Promise<void>;
  list(options: OrderListOptions): Promise<Order[]>;
}
