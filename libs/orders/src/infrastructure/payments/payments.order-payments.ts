import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ListPaymentsForOrderQuery } from '@keel/payments/contracts';
import type { OrderPayment, OrderPayments } from '../../application';

/** Asks the payments context through its published query (in-process). */
@Injectable()
export class PaymentsOrderPayments implements OrderPayments {
  constructor(private readonly queries: QueryBus) {}

  async listForOrder(orderId: string): Promise<OrderPayment[]> {
    const payments = await this.queries.execute(new ListPaymentsForOrderQuery(orderId));
    return payments.map((p) => ({
      id: p.id,
      provider: p.provider,
      status: p.status,
      amount: { amount: p.amount.amount, currency: p.amount.currency },
      providerReference: p.providerReference,
      failureReason: p.failureReason,
      createdAt: p.createdAt,
    }));
  }
}
