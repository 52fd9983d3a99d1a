import { OutboundCallError } from '@keel/observability';
import { InMemoryTransactions } from '@keel/kernel/testing';
import { InMemoryPaymentRepository } from '../../../testing/payment.repository.fake';
import { FakePaymentProvider, FakePaymentProviderRegistry } from '../../../testing/payment-provider.fake';
import { aPendingPayment } from '../../../testing/payments.fixtures';
import { ReconcilePendingPaymentsCommand } from './reconcile-pending-payments.command';
import { ReconcilePendingPaymentsHandler } from './reconcile-pending-payments.handler';

const longAgo = new Date(Date.now() - 10 * 60_000);

/** A PENDING payment the provider knows as `reference`, last touched `at`. */
function pendingAt(id: string, reference: string, at = longAgo) {
  const payment = aPendingPayment({ id, orderId: `order-${id}`, createdAt: at });
  payment.recordReference(reference, at);
  return payment;
}

describe('ReconcilePendingPaymentsHandler', () => {
  let transactions: InMemoryTransactions;
  let payments: InMemoryPaymentRepository;
  let stripe: FakePaymentProvider;
  let handler: ReconcilePendingPaymentsHandler;

  beforeEach(() => {
    transactions = new InMemoryTransactions();
    payments = new InMemoryPaymentRepository();
    stripe = new FakePaymentProvider('stripe');
    handler = new ReconcilePendingPaymentsHandler(payments, new FakePaymentProviderRegistry([stripe]));
  });

  it('when stuck payments are settled at the provider, then each is settled in its own transaction and the count returned', async () => {
    payments.given(pendingAt('p1', 'pi_ok'), pendingAt('p2', 'pi_declined'), pendingAt('p3', 'pi_still'));
    stripe.charged.set('pi_ok', { status: 'succeeded', providerReference: 'pi_ok' });
    stripe.charged.set('pi_declined', { status: 'declined', providerReference: 'pi_declined', reason: 'Card declined' });

    expect(await handler.execute(new ReconcilePendingPaymentsCommand(60_000))).toBe(2);
    expect(payments.stored('p1')?.status).toBe('SUCCEEDED');
    expect(payments.stored('p2')).toMatchObject({ status: 'FAILED', failureReason: 'Card declined' });
    expect(payments.stored('p3')?.status).toBe('PENDING');
    expect(payments.outbox.names).toEqual(['payments.payment-succeeded', 'payments.payment-failed']);
    // One to list the stuck payments, one per payment.
    expect(transactions).toMatchObject({ begun: 4, committed: 4 });
  });

  it('when the provider fails for one payment, then that one rolls back alone and the others are settled', async () => {
    payments.given(pendingAt('p1', 'pi_down'), pendingAt('p2', 'pi_ok'));
    stripe.charged.set('pi_down', new OutboundCallError('503 from stripe', 'stripe', 503));
    stripe.charged.set('pi_ok', { status: 'succeeded', providerReference: 'pi_ok' });

    expect(await handler.execute(new ReconcilePendingPaymentsCommand(60_000))).toBe(1);
    expect(payments.stored('p1')?.status).toBe('PENDING');
    expect(payments.stored('p2')?.status).toBe('SUCCEEDED');
    expect(transactions.rolledBack).toBe(1);
  });

  it('when a pending payment is younger than the threshold, then it is left for its webhook', async () => {
    payments.given(pendingAt('p1', 'pi_ok', new Date()));
    stripe.charged.set('pi_ok', { status: 'succeeded', providerReference: 'pi_ok' });

    expect(await handler.execute(new ReconcilePendingPaymentsCommand(60_000))).toBe(0);
    expect(payments.stored('p1')?.status).toBe('PENDING');
  });
});
