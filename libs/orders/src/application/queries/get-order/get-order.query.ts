import { Query } from '@nestjs/cqrs';
import type { OrderViewer } from '../../views/order-viewer';
import type { OrderView } from '../../views/order.view';

export class GetOrderQuery extends Query<OrderView> {
  constructor(
    readonly orderId: string,
    readonly viewer: OrderViewer,
  ) {
    super();
  }
}
