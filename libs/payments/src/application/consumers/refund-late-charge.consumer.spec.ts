import { OutboundCallError } from '@keel/observability';
import { InMemoryTransactions } from '@keel/kernel/testing';
import { LATE_CHARGE_DETECTED } from '../../domain';
import { InMemoryPaymentRepository } from '../../testing/payment.repository.fake';
import { FakePaymentProvider, FakePaymentProviderRegistry } from '../../testing/payment-provider.fake';
import { aPendingPayment, envelope } from '../../testing/payments.fixtures';
import { RefundLateCharge } from './refund-late-charge.consumer';

const lateCharge = () => envelope(LATE_CHARGE_DETECTED, { orderId: 'order-1', paymentId: 'pay-1', providerReference: 'pi_late' });

describe('RefundLateCharge', () => {
  let stripe: FakePaymentProvider;
  let consumer: RefundLateCharge;

  beforeEach(() => {
    new InMemoryTransactions();
    const failed = aPendingPayment({ id: 'pay-1', orderId: 'order-1' });
    failed.fail('The payment provider is unavailable', null, new Date());
    stripe = new FakePaymentProvider('stripe');
    consumer = new RefundLateCharge(new InMemoryPaymentRepository().given(failed), new FakePaymentProviderRegistry([stripe]));
  });

  it('when the provider confirms the late charge, then it is refunded in full', async () => {
    stripe.charged.set('pi_late', { status: 'succeeded', providerReference: 'pi_late' });

    await consumer.handle(lateCharge());

    expect(stripe.refunds).toEqual([{ idempotencyKey: 'keel-refund-order-1', providerReference: 'pi_late', amount: 2500 }]);
  });

  it('when the provider does not confirm it, then nothing is refunded', async () => {
    await consumer.handle(lateCharge());

    expect(stripe.refunds).toEqual([]);
  });

  it('when the provider is unreachable, then the job retries (throws); a refusal is left to an operator', async () => {
    stripe.charged.set('pi_late', { status: 'succeeded', providerReference: 'pi_late' });
    stripe.refundError = new OutboundCallError('503 from stripe', 'stripe', 503);
    await expect(consumer.handle(lateCharge())).rejects.toThrow(OutboundCallError);

    stripe.refundError = new OutboundCallError('already refunded', 'stripe', 400);
    await expect(consumer.handle(lateCharge())).resolves.toBeUndefined();
  });
});
