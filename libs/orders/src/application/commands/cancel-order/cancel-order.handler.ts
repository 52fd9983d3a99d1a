import { Inject } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import { ManualTransactionCommandHandler } from '@keel/messaging';
import { ConcurrencyError, ORDER_REPOSITORY, OrderNotFoundError, type OrderRepository } from '../../../domain';
import { canSee } from '../../views/order-viewer';
import { toOrderView, type OrderView } from '../../views/order.view';
import { CancelOrderCommand } from './cancel-order.command';

/** A customer pressing "cancel" while stock is being reserved should not see a 409 for our race. */
const ATTEMPTS = 3;

/**
 * Cancels an order (owner or admin). OrderCancelled tells inventory to release
 * the stock and payments to refund a paid order. Final states answer 409
 * order-not-cancellable.
 */
@ManualTransactionCommandHandler(CancelOrderCommand)
export class CancelOrderHandler implements ICommandHandler<CancelOrderCommand> {
  constructor(@Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository) {}

  async execute(command: CancelOrderCommand): Promise<OrderView> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.cancel(command);
      } catch (error) {
        // An event consumer moved the order between our read and write: re-read and decide again.
        if (!(error instanceof ConcurrencyError) || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  @Transactional()
  private async cancel(command: CancelOrderCommand): Promise<OrderView> {
    const order = await this.orders.findById(command.orderId);
    if (!order || !canSee(command.actor, order)) throw new OrderNotFoundError();
    const byOwner = order.isOwnedBy(command.actor.userId);
    order.cancel(byOwner ? 'Cancelled by the customer.' : 'Cancelled by an administrator.', new Date());
    await this.orders.update(order);
    return toOrderView(order);
  }
}
