import { OutboundCallError } from '@keel/observability';
import { InMemoryTransactions } from '@keel/kernel/testing';
import { InMemoryChargeAttemptsCounter } from '../../testing/charge-attempts.fake';
import { InMemoryPaymentRepository } from '../../testing/payment.repository.fake';
import { FakePaymentProvider, FakePaymentProviderRegistry } from '../../testing/payment-provider.fake';
import { paymentsSettings } from '../../testing/payments-settings.fake';
import { aPendingPayment, envelope } from '../../testing/payments.fixtures';
import { PAYMENT_REQUESTED, type PaymentRequestedPayload } from '../consumed-events';
import { CHARGE_ATTEMPTS, ChargeOnPaymentRequested } from './charge-on-payment-requested.consumer';

const requested = (orderId = 'order-1', provider = 'stripe') =>
  envelope<PaymentRequestedPayload>(PAYMENT_REQUESTED, {
    orderId,
    userId: 'user-1',
    amount: { amount: 2500, currency: 'USD' },
    provider,
    method: 'pm_card_visa',
  });

describe('ChargeOnPaymentRequested', () => {
  let payments: InMemoryPaymentRepository;
  let stripe: FakePaymentProvider;
  let attempts: InMemoryChargeAttemptsCounter;
  const consumerWith = (enabled = true) =>
    new ChargeOnPaymentRequested(payments, new FakePaymentProviderRegistry([stripe]), attempts, paymentsSettings(enabled));

  beforeEach(() => {
    new InMemoryTransactions();
    payments = new InMemoryPaymentRepository();
    stripe = new FakePaymentProvider('stripe');
    attempts = new InMemoryChargeAttemptsCounter();
  });

  it('when the charge succeeds, then a SUCCEEDED payment is stored and payments.payment-succeeded is published', async () => {
    await consumerWith().handle(requested());

    expect(stripe.charges).toEqual([expect.objectContaining({ idempotencyKey: 'keel-order-order-1', amount: 2500, currency: 'USD' })]);
    expect((await payments.findByOrderId('order-1'))?.status).toBe('SUCCEEDED');
    expect(payments.outbox.names).toEqual(['payments.payment-succeeded']);
    expect(payments.lockedOrders).toEqual(['order-1']);
  });

  it('when the card is declined, then the payment is FAILED with the reason', async () => {
    stripe.chargeOutcome = { status: 'declined', providerReference: 'pi_1', reason: 'Your card was declined.' };

    await consumerWith().handle(requested());

    expect(await payments.findByOrderId('order-1')).toMatchObject({ status: 'FAILED', failureReason: 'Your card was declined.' });
    expect(payments.outbox.names).toEqual(['payments.payment-failed']);
  });

  it('when the provider fails transiently, then the job retries (throws) until the last attempt records the payment FAILED', async () => {
    stripe.chargeOutcome = new OutboundCallError('503 from stripe', 'stripe', 503);

    for (let attempt = 1; attempt < CHARGE_ATTEMPTS; attempt++) {
      await expect(consumerWith().handle(requested())).rejects.toThrow(OutboundCallError);
    }
    expect(await payments.findByOrderId('order-1')).toBeNull();

    await consumerWith().handle(requested());
    expect(await payments.findByOrderId('order-1')).toMatchObject({
      status: 'FAILED',
      failureReason: 'The payment provider is unavailable',
    });
    expect(attempts.attempts.get('order-1')).toBe(CHARGE_ATTEMPTS);
  });

  it('when the order was cancelled first, payments are disabled, or the order already has a settled payment, then nothing is charged', async () => {
    await payments.markOrderCancelled('order-1');
    const settled = aPendingPayment({ orderId: 'order-2' });
    settled.succeed('pi_2', new Date());
    payments.given(settled);

    await consumerWith().handle(requested('order-1'));
    await consumerWith(false).handle(requested('order-3'));
    await consumerWith().handle(requested('order-2'));

    expect(stripe.charges).toEqual([]);
    expect(payments.outbox.names).toEqual([]);
  });

  it('when the provider is unknown, then the payment is FAILED without a call', async () => {
    await consumerWith().handle(requested('order-1', 'paypal'));

    expect(await payments.findByOrderId('order-1')).toMatchObject({ status: 'FAILED', failureReason: 'Unknown payment provider paypal' });
  });
});
