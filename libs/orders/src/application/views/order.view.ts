import type { Order, OrderStatus, PaymentProvider } from '../../domain';

export interface MoneyView {
  amount: number;
  currency: string;
}

/** The public shape of an order (contract: Order). */
export interface OrderView {
  id: string;
  status: OrderStatus;
  statusReason: string | null;
  items: Array<{ productId: string; sku: string; name: string; unitPrice: MoneyView; quantity: number; lineTotal: MoneyView }>;
  total: MoneyView;
  payment: { provider: PaymentProvider; method: string };
  history: Array<{ status: OrderStatus; at: string; reason: string | null }>;
  createdAt: string;
  updatedAt: string;
}

export const toOrderView = (order: Order): OrderView => ({
  id: order.id,
  status: order.status,
  statusReason: order.statusReason,
  items: order.items.map((item) => ({
    productId: item.productId,
    sku: item.sku,
    name: item.name,
    unitPrice: item.unitPrice.toJSON(),
    quantity: item.quantity,
    lineTotal: item.lineTotal.toJSON(),
  })),
  total: order.total.toJSON(),
  payment: { provider: order.payment.provider, method: order.payment.method },
  history: order.history.map((entry) => ({ status: entry.status, at: entry.at.toISOString(), reason: entry.reason })),
  createdAt: order.createdAt.toISOString(),
  updatedAt: order.updatedAt.toISOString(),
});
