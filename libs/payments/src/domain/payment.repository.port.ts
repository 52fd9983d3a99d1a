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
  insert(payment: Payment): Promise<void>;
  update(payment: Payment): Promise<void>;
}
