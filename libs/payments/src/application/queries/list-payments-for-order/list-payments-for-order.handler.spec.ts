import { ListPaymentsForOrderQuery } from '../../../contracts';
import { InMemoryPaymentRepository } from '../../../testing/payment.repository.fake';
import { aPendingPayment } from '../../../testing/payments.fixtures';
import { ListPaymentsForOrderHandler } from './list-payments-for-order.handler';

describe('ListPaymentsForOrderHandler', () => {
  it("when an order has a payment, then its view; another order's payments are not listed", async () => {
    const declined = aPendingPayment({ id: 'pay-1', orderId: 'order-1' });
    declined.fail('Card declined', 'pi_1', new Date('2026-01-01T00:00:01Z'));
    const handler = new ListPaymentsForOrderHandler(
      new InMemoryPaymentRepository().given(declined, aPendingPayment({ orderId: 'order-2' })),
    );

    expect(await handler.execute(new ListPaymentsForOrderQuery('order-1'))).toEqual([
      {
        id: 'pay-1',
        provider: 'stripe',
        status: 'FAILED',
        amount: { amount: 2500, currency: 'USD' },
        providerReference: 'pi_1',
        failureReason: 'Card declined',
        createdAt: '2026-01-01T00:00:00.000Z',
      },
    ]);
  });

  it('when an order has no payment yet, then an empty list', async () => {
    expect(
      await new ListPaymentsForOrderHandler(new InMemoryPaymentRepository()).execute(new ListPaymentsForOrderQuery('order-9')),
    ).toEqual([]);
  });
});
