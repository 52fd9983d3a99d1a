import { Logger } from '@nestjs/common';
import { NotFoundError } from '@keel/kernel/domain';
import { InMemoryPaymentRepository } from '../../../testing/payment.repository.fake';
import { FakePaymentProvider, FakePaymentProviderRegistry } from '../../../testing/payment-provider.fake';
import { paymentsSettings } from '../../../testing/payments-settings.fake';
import { aPendingPayment } from '../../../testing/payments.fixtures';
import { InMemoryWebhookInbox } from '../../../testing/webhook-inbox.fake';
import { InvalidWebhookSignatureError, WebhookAmountMismatchError } from '../../ports/payment-provider.port';
import { HandleWebhookCommand } from './handle-webhook.command';
import { HandleWebhookHandler } from './handle-webhook.handler';

const webhook = (provider = 'stripe') => new HandleWebhookCommand(provider, Buffer.from('{}'), { 'stripe-signature': 't=1,v1=x' });

describe('HandleWebhookHandler', () => {
  let payments: InMemoryPaymentRepository;
  let stripe: FakePaymentProvider;
  let inbox: InMemoryWebhookInbox;
  const handlerWith = (enabled = true) =>
    new HandleWebhookHandler(payments, new FakePaymentProviderRegistry([stripe]), inbox, paymentsSettings(enabled));

  beforeEach(() => {
    const pending = aPendingPayment({ id: 'pay-1', orderId: 'order-1' });
    pending.recordReference('pi_1', new Date());
    payments = new InMemoryPaymentRepository().given(pending);
    stripe = new FakePaymentProvider('stripe');
    inbox = new InMemoryWebhookInbox();
  });

  it('when a charge succeeded, then the pending payment is SUCCEEDED and payments.payment-succeeded is published', async () => {
    stripe.webhook = { eventId: 'evt_1', type: 'charge.succeeded', providerReference: 'pi_1' };

    expect(await handlerWith().execute(webhook())).toEqual({ received: true, duplicate: false });
    expect(payments.stored('pay-1')?.status).toBe('SUCCEEDED');
    expect(payments.outbox.names).toEqual(['payments.payment-succeeded']);
  });

  it('when the same event id is delivered again, then it is a duplicate and changes nothing', async () => {
    stripe.webhook = { eventId: 'evt_1', type: 'charge.failed', providerReference: 'pi_1', reason: 'Card declined' };
    await handlerWith().execute(webhook());

    expect(await handlerWith().execute(webhook())).toEqual({ received: true, duplicate: true });
    expect(payments.stored('pay-1')).toMatchObject({ status: 'FAILED', failureReason: 'Card declined' });
    expect(payments.outbox.names).toEqual(['payments.payment-failed']);
  });

  it('when a charge succeeds for a payment already given up as FAILED, then a late charge is recorded for refund', async () => {
    const failed = aPendingPayment({ id: 'pay-2', orderId: 'order-2' });
    failed.fail('The payment provider is unavailable', 'pi_late', new Date());
    payments.given(failed);
    stripe.webhook = { eventId: 'evt_2', type: 'charge.succeeded', providerReference: 'pi_late' };

    await handlerWith().execute(webhook());

    expect(payments.stored('pay-2')?.status).toBe('FAILED');
    expect(payments.outbox.names).toEqual(['payments.late-charge-detected']);
  });

  it('when the signature is invalid, then the error and the event id is not claimed', async () => {
    await expect(handlerWith().execute(webhook())).rejects.toThrow(InvalidWebhookSignatureError);
    expect(inbox.claimed.size).toBe(0);
  });

  it.each([
    ['another amount', { amount: 1, currency: 'USD' }],
    ['another currency', { amount: 2500, currency: 'INR' }],
  ])(
    'when a charge succeeded for %s than the payment’s, then it is refused, logged, and the payment is untouched',
    async (_name, charged) => {
      stripe.webhook = { eventId: 'evt_4', type: 'charge.succeeded', providerReference: 'pi_1', charged };
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      try {
        await expect(handlerWith().execute(webhook())).rejects.toThrow(WebhookAmountMismatchError);
        expect(warn).toHaveBeenCalledWith(
          expect.objectContaining({ paymentId: 'pay-1', eventId: 'evt_4', expected: { amount: 2500, currency: 'USD' }, charged }),
          expect.stringContaining('refused'),
        );
      } finally {
        warn.mockRestore();
      }
      expect(payments.stored('pay-1')?.status).toBe('PENDING');
      expect(payments.outbox.names).toEqual([]);
    },
  );

  it('when a charge for the payment’s amount and currency arrives, then it applies', async () => {
    stripe.webhook = { eventId: 'evt_5', type: 'charge.succeeded', providerReference: 'pi_1', charged: { amount: 2500, currency: 'USD' } };
    await handlerWith().execute(webhook());
    expect(payments.stored('pay-1')?.status).toBe('SUCCEEDED');
  });

  it('when payments are disabled or the provider is unknown, then 404 and nothing is claimed', async () => {
    stripe.webhook = { eventId: 'evt_3', type: 'charge.succeeded', providerReference: 'pi_1' };

    await expect(handlerWith(false).execute(webhook())).rejects.toThrow(NotFoundError);
    await expect(handlerWith().execute(webhook('razorpay'))).rejects.toThrow(NotFoundError);
    expect(inbox.claimed.size).toBe(0);
    expect(payments.stored('pay-1')?.status).toBe('PENDING');
  });
});
