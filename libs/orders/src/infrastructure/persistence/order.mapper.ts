import { invariant, Money } from '@keel/kernel/domain';
import { isOrderStatus, Order, OrderItem, PaymentChoice } from '../../domain';
import type { OrderHistoryOrmEntity } from './order-history.orm-entity';
import type { OrderItemOrmEntity } from './order-item.orm-entity';
import type { OrderOrmEntity } from './order.orm-entity';

export interface OrderRows {
  order: OrderOrmEntity;
  items: OrderItemOrmEntity[];
  history: OrderHistoryOrmEntity[];
}

export const OrderMapper = {
  toDomain({ order: row, items, history }: OrderRows): Order {
    invariant(isOrderStatus(row.status), `Stored order ${row.id} has an unknown status`);
    return Order.restore(row.id, {
      userId: row.userId,
      status: row.status,
      statusReason: row.statusReason,
      items: [...items]
        .sort((a, b) => a.lineNo - b.lineNo)
        .map((item) =>
          OrderItem.create({
            productId: item.productId,
            sku: item.sku,
            name: item.name,
            unitPrice: Money.of(item.unitPriceAmount, row.currency),
            quantity: item.quantity,
          }),
        ),
      payment: PaymentChoice.create(row.paymentProvider, row.paymentMethod),
      history: [...history]
        .sort((a, b) => a.seq - b.seq)
        .map((entry) => {
          invariant(isOrderStatus(entry.status), `Stored order ${row.id} has an unknown status in its history`);
          return { status: entry.status, at: entry.at, reason: entry.reason };
        }),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      version: row.version,
    });
  },

  toOrderRow(order: Order): OrderOrmEntity {
    return {
      id: order.id,
      userId: order.userId,
      status: order.status,
      statusReason: order.statusReason,
      totalAmount: order.total.amount,
      currency: order.total.currency,
      paymentProvider: order.payment.provider,
      paymentMethod: order.payment.method,
      createdAt: order.createdAt,
      updatedAt: order.updatedAt,
      version: order.version,
    };
  },

  toItemRows(order: Order): OrderItemOrmEntity[] {
    return order.items.map((item, index) => ({
      orderId: order.id,
      lineNo: index + 1,
      productId: item.productId,
      sku: item.sku,
      name: item.name,
      unitPriceAmount: item.unitPrice.amount,
      quantity: item.quantity,
      lineTotalAmount: item.lineTotal.amount,
    }));
  },

  toHistoryRows(order: Order): OrderHistoryOrmEntity[] {
    return order.history.map((entry, index) => ({ orderId: order.id, seq: index + 1, ...entry }));
  },
};
