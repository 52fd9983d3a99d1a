import { Money } from '@keel/kernel/domain';
import { randomUUID } from 'node:crypto';
import { Order, PaymentChoice } from '../domain';

/** Builders shared by the orders context's unit specs. */
export const OWNER = 'user-1';

export const aPendingOrder = (input: { id?: string; userId?: string; createdAt?: Date } = {}): Order =>
  Order.place({
    id: input.id ?? randomUUID(),
    userId: input.userId ?? OWNER,
    items: [{ productId: 'p-1', sku: 'SKU-1', name: 'Mug', unitPrice: Money.of(1250, 'USD'), quantity: 2 }],
    payment: PaymentChoice.create('stripe', 'pm_card_visa'),
    now: input.createdAt ?? new Date('2026-01-01T00:00:00Z'),
  });

/** An event as the platform hands it to a consumer (the messaging lib's fixture). */
export { eventEnvelope as envelope } from '@keel/messaging/testing';
