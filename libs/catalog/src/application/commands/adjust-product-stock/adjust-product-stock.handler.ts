import { Inject } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import { AuditTrail } from '@keel/kernel';
import { TransactionalCommandHandler } from '@keel/messaging';
import {
  PRODUCT_IMAGE_REPOSITORY,
  type ProductImageRepository,
  PRODUCT_REPOSITORY,
  ProductNotFoundError,
  type ProductRepository,
} from '../../../domain';
import { STOCK_LEVELS, type StockLevels } from '../../ports/stock-levels.port';
import { toProductDetails, type ProductView, withStock } from '../../views/product.view';
import { AdjustProductStockCommand } from './adjust-product-stock.command';

/** Stock is inventory's: the catalog checks the product exists and delegates the atomic change. */
@TransactionalCommandHandler(AdjustProductStockCommand)
export class AdjustProductStockHandler implements ICommandHandler<AdjustProductStockCommand> {
  constructor(
    @Inject(PRODUCT_REPOSITORY) private readonly products: ProductRepository,
    @Inject(STOCK_LEVELS) private readonly stock: StockLevels,
    @Inject(PRODUCT_IMAGE_REPOSITORY) private readonly images: ProductImageRepository,
    private readonly audit: AuditTrail,
  ) {}

  async execute(command: AdjustProductStockCommand): Promise<ProductView> {
    const product = await this.products.findById(command.productId);
    if (!product) throw new ProductNotFoundError();
    const available = await this.stock.adjust(product.id, command.delta, command.reason);
    // In the command's transaction, with inventory's change: both or neither.
    await this.audit.record({
      action: 'stock.adjusted',
      target: { type: 'product', id: product.id },
      before: { available: available - command.delta },
      after: { available, delta: command.delta, reason: command.reason },
    });
    return withStock(toProductDetails(product, await this.images.findReadyByProducts([product.id])), available);
  }
}
