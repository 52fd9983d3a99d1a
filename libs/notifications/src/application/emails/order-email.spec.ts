import type { EventEnvelope } from '@keel/messaging';
import { orderEmailFor, templateFor, UnusableOrderEventError } from './order-email';

const orderId = '0b1f0c1e-5b6a-4c1c-9a0a-1a2b3c4d5e6f';
const envelope = (eventName: string, payload: object): EventEnvelope<unknown> => ({
  eventId: '6f1c1b9e-4a43-4a52-9d0e-0c8f1d2b3a4c',
  eventName,
  aggregateId: orderId,
  occurredAt: '2026-01-01T00:00:00.000Z',
  payload,
});

describe('orderEmailFor', () => {
  it('When an order is confirmed, then an order.confirmed email with the formatted total', () => {
    const email = orderEmailFor(envelope('orders.order-confirmed', { orderId, userId: 'u1', total: { amount: 1999, currency: 'USD' } }));
    expect(email).toEqual({
      type: 'order.confirmed',
      template: 'order-confirmed',
      orderId,
      userId: 'u1',
      variables: { orderId, orderNumber: '0B1F0C1E', total: 'USD 19.99' },
    });
  });

  it('When an order is paid, then the amount captured is shown; without one, a neutral wording', () => {
    const paid = orderEmailFor(envelope('orders.order-paid', { orderId, userId: 'u1', total: { amount: 500, currency: 'JPY' } }));
    expect(paid.variables.total).toBe('JPY 500');
    expect(orderEmailFor(envelope('orders.order-paid', { orderId, userId: 'u1' })).variables.total).toBe('the order total');
  });

  it('When a reason is a code, then it reads as a sentence', () => {
    const email = orderEmailFor(envelope('orders.order-rejected', { orderId, userId: 'u1', reason: 'insufficient-stock' }));
    expect(email.variables.reason).toBe('Insufficient stock.');
    const failed = orderEmailFor(envelope('orders.payment-failed', { orderId, userId: 'u1', reason: 'Card declined' }));
    expect(failed).toMatchObject({ type: 'order.payment_failed', template: 'order-payment-failed' });
    expect(failed.variables.reason).toBe('Card declined.');
  });

  it('When a paid order is cancelled, then the email says it is refunded; otherwise that nothing was charged', () => {
    const paid = orderEmailFor(envelope('orders.order-cancelled', { orderId, userId: 'u1', reason: 'customer', previousStatus: 'PAID' }));
    expect(paid.variables.moneyNote).toMatch(/refunded/);
    const pending = orderEmailFor(envelope('orders.order-cancelled', { orderId, userId: 'u1', reason: '', previousStatus: 'PENDING' }));
    expect(pending.variables).toMatchObject({ moneyNote: expect.stringMatching(/not been charged/), reason: 'No reason was given.' });
  });

  it('When the event is unknown or has no ids, then UnusableOrderEventError', () => {
    expect(() => orderEmailFor(envelope('orders.order-placed', { orderId, userId: 'u1' }))).toThrow(UnusableOrderEventError);
    expect(() => orderEmailFor(envelope('orders.order-paid', { orderId }))).toThrow(UnusableOrderEventError);
  });

  it('When a type has an underscore, then its template name is kebab-case', () => {
    expect(templateFor('order.payment_failed')).toBe('order-payment-failed');
  });
});
