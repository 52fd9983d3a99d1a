import { Command } from '@nestjs/cqrs';
import type { OrderViewer } from '../../views/order-viewer';
import type { OrderView } from '../../views/order.view';

export class CancelOrderCommand extends Command<OrderView> {
  constructor(
    readonly orderId: string,
    readonly actor: OrderViewer,
  ) {
    super();
  }
}
