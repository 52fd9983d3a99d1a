import { Query } from '@nestjs/cqrs';
import type { PaymentView } from './payment.view';

/** Every payment attempt of one order, oldest first. The caller checks the order is visible to its user. */
export class ListPaymentsForOrderQuery extends Query<PaymentView[]> {
  constructor(readonly orderId: string) {
    super();
  }
}
