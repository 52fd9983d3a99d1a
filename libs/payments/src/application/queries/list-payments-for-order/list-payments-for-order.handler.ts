import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ListPaymentsForOrderQuery, type PaymentView } from '../../../contracts';
import { type Payment, PAYMENT_REPOSITORY, type PaymentRepository } from '../../../domain';

export const toPaymentView = (p: Payment): PaymentView => ({
  id: p.id,
  provider: p.provider,
  status: p.status,
  amount: p.amount.toJSON(),
  providerReference: p.providerReference,
  failureReason: p.failureReason,
  createdAt: p.createdAt.toISOString(),
});

@QueryHandler(ListPaymentsForOrderQuery)
export class ListPaymentsForOrderHandler implements IQueryHandler<ListPaymentsForOrderQuery, PaymentView[]> {
  constructor(@Inject(PAYMENT_REPOSITORY) private readonly payments: PaymentRepository) {}

  async execute(query: ListPaymentsForOrderQuery): Promise<PaymentView[]> {
    return (await this.payments.listByOrderId(query.orderId)).map(toPaymentView);
  }
}
