import type { Payment } from './payment.entity';
import type { PaymentProviderName } from './payment-status';

export const PAYMENT_REPOSITORY = Symbol('PAYMENT_REPOSITORY');

export interface PaymentRepository {
  /** The order's payment (one per order: a retry reuses it). */
  findByOrderId(orderId: string): Promise<Payment | null>;
  findByReference(provider: PaymentProviderName, providerReference: string): Promise<Payment | null>;
  listByOrderId(orderId: string): Promise<Payment[]>;
  insert(payment: Payment): Promise<void>;
  update(payment: Payment): Promise<void>;
}
