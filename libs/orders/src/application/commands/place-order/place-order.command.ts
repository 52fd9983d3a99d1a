import { Command } from '@nestjs/cqrs';
import type { OrderView } from '../../views/order.view';

export interface PlaceOrderLine {
  productId: string;
  quantity: number;
}

export class PlaceOrderCommand extends Command<OrderView> {
  constructor(
    readonly userId: string,
    readonly items: PlaceOrderLine[],
    readonly payment: { provider: string; method: string },
  ) {
    super();
  }
}
