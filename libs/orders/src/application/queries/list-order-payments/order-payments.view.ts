import type { OrderPayment } from '../../ports/order-payments.port';

/** The payment attempts of one order, oldest first (contract: PaymentList). */
export interface OrderPaymentsView {
  items: OrderPayment[];
}
