import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ORDER_REPOSITORY, OrderNotFoundError, type OrderRepository } from '../../../domain';
import { ORDER_PAYMENTS, type OrderPayments } from '../../ports/order-payments.port';
import { canSee } from '../../views/order-viewer';
import { ListOrderPaymentsQuery } from './list-order-payments.query';
import type { OrderPaymentsView } from './order-payments.view';

/** The payment attempts of one order. Visibility is the order's: someone else's order is "not found". */
@QueryHandler(ListOrderPaymentsQuery)
export class ListOrderPaymentsHandler implements IQueryHandler<ListOrderPaymentsQuery> {
  constructor(
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
    @Inject(ORDER_PAYMENTS) private readonly payments: OrderPayments,
  ) {}

  async execute(query: ListOrderPaymentsQuery): Promise<OrderPaymentsView> {
    const order = await this.orders.findById(query.orderId);
    if (!order || !canSee(query.viewer, order)) throw new OrderNotFoundError();
    return { items: await this.payments.listForOrder(order.id) };
  }
}
