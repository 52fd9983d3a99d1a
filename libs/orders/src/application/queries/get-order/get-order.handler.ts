import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ORDER_REPOSITORY, OrderNotFoundError, type OrderRepository } from '../../../domain';
import { canSee } from '../../views/order-viewer';
import { GetOrderQuery } from './get-order.query';
import { toOrderView, type OrderView } from '../../views/order.view';

@QueryHandler(GetOrderQuery)
export class GetOrderHandler implements IQueryHandler<GetOrderQuery> {
  constructor(@Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository) {}

  async execute(query: GetOrderQuery): Promise<OrderView> {
    const order = await this.orders.findById(query.orderId);
    // Someone else's order is indistinguishable from a missing one.
    if (!order || !canSee(query.viewer, order)) throw new OrderNotFoundError();
    return toOrderView(order);
  }
}
