import type { OrderPayment, OrderPayments } from '../application';

/** OrderPayments in memory: payment attempts by order id, as the payments context would list them. */
export class FakeOrderPayments implements OrderPayments {
  private readonly byOrder = new Map<string, OrderPayment[]>();
  readonly asked: string[] = [];

  with(orderId: string, ...payments: OrderPayment[]): this {
    this.byOrder.set(orderId, payments);
    return this;
  }

  async listForOrder(orderId: string): Promise<OrderPayment[]> {
    this.asked.push(orderId);
    return this.byOrder.get(orderId) ?? [];
  }
}
