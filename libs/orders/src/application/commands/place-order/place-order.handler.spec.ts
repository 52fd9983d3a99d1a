import { ValidationError } from '@keel/kernel/domain';
import { EmailNotVerifiedError, PaymentProviderUnavailableError, UnknownProductsError } from '../../../domain';
import { FakeCustomerAccounts } from '../../../testing/customer-accounts.fake';
import { FakeFeatureFlags } from '../../../testing/feature-flags.fake';
import { InMemoryOrderRepository } from '../../../testing/order.repository.fake';
import { FakeProductCatalog } from '../../../testing/product-catalog.fake';
import { PlaceOrderCommand } from './place-order.command';
import { PlaceOrderHandler } from './place-order.handler';

const MUG = { id: 'a0000000-0000-4000-8000-000000000001', sku: 'MUG-1', name: 'Mug', price: { amount: 1250, currency: 'USD' } };
const TEA = { id: 'a0000000-0000-4000-8000-000000000002', sku: 'TEA-1', name: 'Tea', price: { amount: 400, currency: 'USD' } };
const CARD = { provider: 'stripe', method: 'pm_card_visa' };

describe('PlaceOrderHandler', () => {
  let orders: InMemoryOrderRepository;
  let flags: FakeFeatureFlags;
  let handler: PlaceOrderHandler;

  beforeEach(() => {
    orders = new InMemoryOrderRepository();
    flags = new FakeFeatureFlags();
    handler = new PlaceOrderHandler(
      orders,
      new FakeProductCatalog().with(MUG, TEA),
      flags,
      new FakeCustomerAccounts().withUnverified('user-unverified'),
    );
  });

  it('when the customer has not verified their email, then email-not-verified and nothing is stored or published', async () => {
    await expect(handler.execute(new PlaceOrderCommand('user-unverified', [{ productId: MUG.id, quantity: 1 }], CARD))).rejects.toThrow(
      EmailNotVerifiedError,
    );
    expect(orders.outbox.names).toEqual([]);
  });

  it("when the products exist, then a PENDING order at the catalog's prices is stored and orders.order-placed is published", async () => {
    const view = await handler.execute(
      new PlaceOrderCommand(
        'user-1',
        [
          { productId: MUG.id.toUpperCase(), quantity: 2 },
          { productId: TEA.id, quantity: 1 },
        ],
        CARD,
      ),
    );

    expect(view).toMatchObject({
      status: 'PENDING',
      total: { amount: 2900, currency: 'USD' },
      items: [
        { productId: MUG.id, sku: 'MUG-1', unitPrice: { amount: 1250, currency: 'USD' }, quantity: 2 },
        { productId: TEA.id, sku: 'TEA-1', quantity: 1 },
      ],
      payment: CARD,
    });
    expect(orders.stored(view.id)?.userId).toBe('user-1');
    expect(orders.outbox.names).toEqual(['orders.order-placed']);
  });

  it('when a product is unknown, then product-not-found names it and nothing is stored or published', async () => {
    const unknown = 'b0000000-0000-4000-8000-000000000009';
    const placing = handler.execute(
      new PlaceOrderCommand(
        'user-1',
        [
          { productId: MUG.id, quantity: 1 },
          { productId: unknown, quantity: 1 },
        ],
        CARD,
      ),
    );

    await expect(placing).rejects.toThrow(UnknownProductsError);
    await expect(placing).rejects.toMatchObject({ productIds: [unknown] });
    expect(orders.store.all()).toHaveLength(0);
    expect(orders.outbox.names).toEqual([]);
  });

  it('when the payment provider is switched off, then payment-provider-unavailable and no order', async () => {
    flags.set('payments.stripe.enabled', false);

    await expect(handler.execute(new PlaceOrderCommand('user-1', [{ productId: MUG.id, quantity: 1 }], CARD))).rejects.toThrow(
      PaymentProviderUnavailableError,
    );
    expect(orders.store.all()).toHaveLength(0);
  });

  it('when the payment provider is not one Keel knows, then a validation error', async () => {
    await expect(
      handler.execute(new PlaceOrderCommand('user-1', [{ productId: MUG.id, quantity: 1 }], { provider: 'paypal', method: 'x' })),
    ).rejects.toThrow(ValidationError);
  });
});
