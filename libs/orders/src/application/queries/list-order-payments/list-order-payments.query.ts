import { Query } from '@nestjs/cqrs';
import type { OrderViewer } from '../../views/order-viewer';
import type { OrderPaymentsView } from './order-payments.view';

export class ListOrderPaymentsQuery extends Query<OrderPaymentsView> {
  constructor(
    readonly orderId: string,
    readonly viewer: OrderViewer,
  ) {
    super();
  }
}
