import type { Payment } from './payment.entity';
import type { PaymentProviderName } from './payment-status';

export const PAYMENT_REPOSITORY = Symbol('PAYMENT_REPOSITORY');

export interface PaymentRepository {
  /** The order's payment (one per order: a retry reuses it). */
  findByOrderId(orderId: string): Promise<Payment | null>;
  findByReference(provider: PaymentProviderName, providerReference: string): Promise<Payment | null>;
  listByOrderId(orderId: string): Promise<Payment[]>;
  /** Locks the row for the rest of the transaction (reconciliation vs webhook). */
  findByIdForUpdate(id: string): Promise<Payment | null>;
  /** PENDING payments the provider knows (reference set) that were last touched before `before`, oldest first. */
  listPendingWithReference(before: Date, limit: number): Promise<Payment[]>;
  /**
   * Serialises the work on one order's payment for the rest of the transaction
   * (charging vs refunding a cancelled order): whoever comes second sees the first's outcome.
   */
  lockOrder(orderId: string): Promise<void>;
  /** Marks an order cancelled before it was charged, so it never is. */
  markOrderCancelled(orderId: string): Promise<void>;
  isOrderCancelled(orderId: string): Promise<boolean>;
  insert(payment: Payment): Promise<void>;
  update(payment: Payment): Promise<void>;
}
