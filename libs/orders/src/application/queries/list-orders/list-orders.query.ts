import { Query } from '@nestjs/cqrs';
import type { Page } from '@keel/http';
import type { OrderStatus } from '../../../domain';
import type { OrderViewer } from '../../views/order-viewer';
import type { OrderView } from '../../views/order.view';

export class ListOrdersQuery extends Query<Page<OrderView>> {
  constructor(
    readonly viewer: OrderViewer,
    readonly limit: number,
    readonly cursor?: string,
    readonly status?: OrderStatus,
  ) {
    super();
  }
}
