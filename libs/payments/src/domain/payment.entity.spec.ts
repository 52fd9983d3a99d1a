import { Money } from '@keel/kernel/domain';
import { InvalidPaymentTransitionError } from './payments.errors';
import { Payment } from './payment.entity';

const now = new Date('2026-11-26T12:00:00Z');
const start = () =>
  Payment.start({ id: 'p1', orderId: 'o1', userId: 'u1', provider: 'stripe', method: 'pm_card_visa', amount: Money.of(5000, 'USD'), now });

describe('Payment', () => {
  it('When started, then it is PENDING with no reference and raises nothing', () => {
    const payment = start();
    expect(payment.status).toBe('PENDING');
    expect(payment.providerReference).toBeNull();
    expect(payment.pullEvents()).toEqual([]);
  });

  it('When it succeeds, then it is SUCCEEDED with the reference and raises payments.payment-succeeded', () => {
    const payment = start();
    payment.succeed('pi_1', now);
    expect(payment.status).toBe('SUCCEEDED');
    expect(payment.providerReference).toBe('pi_1');
    expect(payment.pullEvents().map((e) => [e.eventName, e.payload])).toEqual([
      ['payments.payment-succeeded', { orderId: 'o1', paymentId: 'p1' }],
    ]);
  });

  it('When it fails, then it is FAILED with the reason and raises payments.payment-failed', () => {
    const payment = start();
    payment.fail('Your card was declined.', 'pi_2', now);
    expect(payment.failureReason).toBe('Your card was declined.');
    expect(payment.pullEvents().map((e) => e.payload)).toEqual([{ orderId: 'o1', paymentId: 'p1', reason: 'Your card was declined.' }]);
  });

  it('When a settled payment is settled again, then it is refused (a payment settles once)', () => {
    const payment = start();
    payment.succeed('pi_1', now);
    expect(() => payment.fail('late decline', null, now)).toThrow(InvalidPaymentTransitionError);
    expect(() => payment.succeed('pi_1', now)).toThrow(InvalidPaymentTransitionError);
  });

  it('When a succeeded payment is refunded, then it is REFUNDED; a failed one cannot be', () => {
    const paid = start();
    paid.succeed('pi_1', now);
    paid.refund(now);
    expect(paid.status).toBe('REFUNDED');
    const failed = start();
    failed.fail('declined', null, now);
    expect(() => failed.refund(now)).toThrow(InvalidPaymentTransitionError);
  });
});
