import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { decodeCursor, type Page, toPage } from '@keel/http';
import { ORDER_REPOSITORY, type OrderRepository } from '../../../domain';
import { toOrderView, type OrderView } from '../../views/order.view';
import { ListOrdersQuery } from './list-orders.query';

/** Newest first; a customer sees their own orders, an admin everyone's. */
@QueryHandler(ListOrdersQuery)
export class ListOrdersHandler implements IQueryHandler<ListOrdersQuery> {
  constructor(@Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository) {}

  async execute(query: ListOrdersQuery): Promise<Page<OrderView>> {
    const rows = await this.orders.list({
      userId: query.viewer.isAdmin ? undefined : query.viewer.userId,
      status: query.status,
      limit: query.limit + 1,
      after: decodeCursor(query.cursor),
    });
    return toPage(
      rows.map((order) => ({ order, createdAt: order.createdAt, id: order.id })),
      query.limit,
      (row) => toOrderView(row.order),
    );
  }
}
