import { Command } from '@nestjs/cqrs';
import type { OrderViewer } from '../../order-viewer';
import type { OrderView } from '../../queries/get-order/order.view';

export class CancelOrderCommand extends Command<OrderView> {
  constructor(
    readonly orderId: string,
    readonly actor: OrderViewer,
  ) {
    super();
  }
}
