import { Inject } from '@nestjs/common';
import { CommandBus, ICommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '@keel/messaging';
import { AdjustStockCommand } from '@keel/inventory/contracts';
import { PRODUCT_REPOSITORY, ProductNotFoundError, type ProductRepository } from '../../../domain';
import { toProductDetails, type ProductView, withStock } from '../../product.view';
import { AdjustProductStockCommand } from './adjust-product-stock.command';

/** Stock is inventory's: the catalog checks the product exists and delegates the atomic change. */
@TransactionalCommandHandler(AdjustProductStockCommand)
export class AdjustProductStockHandler implements ICommandHandler<AdjustProductStockCommand> {
  constructor(
    @Inject(PRODUCT_REPOSITORY) private readonly products: ProductRepository,
    private readonly commands: CommandBus,
  ) {}

  async execute(command: AdjustProductStockCommand): Promise<ProductView> {
    const product = await this.products.findById(command.productId);
    if (!product) throw new ProductNotFoundError();
    const level = await this.commands.execute(new AdjustStockCommand(product.id, command.delta, command.reason));
    return withStock(toProductDetails(product), level.available);
  }
}
