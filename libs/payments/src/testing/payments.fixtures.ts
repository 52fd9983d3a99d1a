import { Money } from '@keel/kernel/domain';
import { randomUUID } from 'node:crypto';
import { Payment } from '../domain';

/** A PENDING stripe payment of 25.00 USD for `orderId`, created at `createdAt`. */
export const aPendingPayment = (input: { id?: string; orderId?: string; createdAt?: Date } = {}): Payment =>
  Payment.start({
    id: input.id ?? randomUUID(),
    orderId: input.orderId ?? randomUUID(),
    userId: 'user-1',
    provider: 'stripe',
    method: 'pm_card_visa',
    amount: Money.of(2500, 'USD'),
    now: input.createdAt ?? new Date('2026-01-01T00:00:00Z'),
  });

/** An event as the platform hands it to a consumer (the messaging lib's fixture). */
export { eventEnvelope as envelope } from '@keel/messaging/testing';
