import { Inject } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '@keel/messaging';
import { FeatureFlags } from '@keel/runtime';
import { Money } from '@keel/kernel/domain';
import { randomUUID } from 'node:crypto';
import { EmailNotVerifiedError, Order, ORDER_REPOSITORY, type OrderRepository, PaymentChoice, UnknownProductsError } from '../../../domain';
import { CUSTOMER_ACCOUNTS, type CustomerAccounts } from '../../ports/customer-accounts.port';
import { PRODUCT_CATALOG, type ProductCatalog } from '../../ports/product-catalog.port';
import { toOrderView, type OrderView } from '../../views/order.view';
import { assertPaymentProviderEnabled } from './payment-provider-switch';
import { PlaceOrderCommand } from './place-order.command';

/**
 * Places an order at today's catalog prices. The order starts PENDING; its
 * OrderPlaced event (outbox, same transaction) asks inventory to reserve stock.
 * An unverified customer is refused (403 email-not-verified) first.
 * A payment provider switched off by its feature flag is refused (422) before
 * anything is written, so no order, no event and no stock reservation follow.
 * A pure command: an Idempotency-Key is claimed and replayed by the command pipeline,
 * inside this handler's transaction (TransactionalCommandHandler).
 */
@TransactionalCommandHandler(PlaceOrderCommand)
export class PlaceOrderHandler implements ICommandHandler<PlaceOrderCommand> {
  constructor(
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
    @Inject(PRODUCT_CATALOG) private readonly catalog: ProductCatalog,
    private readonly flags: FeatureFlags,
    @Inject(CUSTOMER_ACCOUNTS) private readonly customers: CustomerAccounts,
  ) {}

  async execute(command: PlaceOrderCommand): Promise<OrderView> {
    // Nobody orders (and so gets order emails) at an address they have not proved is theirs.
    if (!(await this.customers.hasVerifiedEmail(command.userId))) throw new EmailNotVerifiedError();
    const payment = PaymentChoice.create(command.payment.provider, command.payment.method);
    await assertPaymentProviderEnabled(this.flags, payment.provider);
    const lines = command.items.map((line) => ({ ...line, productId: line.productId.toLowerCase() }));
    const wanted = [...new Set(lines.map((line) => line.productId))];
    const products = new Map((await this.catalog.findForOrder(wanted)).map((p) => [p.id.toLowerCase(), p]));
    const unknown = wanted.filter((id) => !products.has(id));
    if (unknown.length > 0) throw new UnknownProductsError(unknown);

    const order = Order.place({
      id: randomUUID(),
      userId: command.userId,
      items: lines.map((line, index) => {
        const product = products.get(line.productId)!;
        return {
          productId: line.productId,
          sku: product.sku,
          name: product.name,
          unitPrice: Money.of(product.price.amount, product.price.currency, `items[${index}].unitPrice`),
          quantity: line.quantity,
        };
      }),
      payment,
      now: new Date(),
    });
    await this.orders.insert(order);
    return toOrderView(order);
  }
}
