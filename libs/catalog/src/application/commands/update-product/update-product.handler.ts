import { Inject } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import { ManualTransactionCommandHandler } from '@keel/messaging';
import { AuditTrail } from '@keel/kernel';
import { Money, ValidationError } from '@keel/kernel/domain';
import {
  PRODUCT_IMAGE_REPOSITORY,
  type ProductImageRepository,
  PRODUCT_REPOSITORY,
  ProductNotFoundError,
  type ProductRepository,
} from '../../../domain';
import { ProductCache } from '../../cache/product.cache';
import { STOCK_LEVELS, type StockLevels } from '../../ports/stock-levels.port';
import { type ProductDetails, toProductDetails, type ProductView, withStock } from '../../views/product.view';
import { UpdateProductCommand } from './update-product.command';

@ManualTransactionCommandHandler(UpdateProductCommand)
export class UpdateProductHandler implements ICommandHandler<UpdateProductCommand> {
  constructor(
    @Inject(PRODUCT_REPOSITORY) private readonly products: ProductRepository,
    @Inject(STOCK_LEVELS) private readonly stock: StockLevels,
    @Inject(PRODUCT_IMAGE_REPOSITORY) private readonly images: ProductImageRepository,
    private readonly cache: ProductCache,
    private readonly audit: AuditTrail,
  ) {}

  async execute(command: UpdateProductCommand): Promise<ProductView> {
    const { name, description, price } = command.changes;
    if (name === undefined && description === undefined && price === undefined) {
      throw new ValidationError('Nothing to update.', [
        { field: 'body', message: 'must contain at least one of name, description, price' },
      ]);
    }
    const { details, changed } = await this.revise(command);
    // After commit: from here on no instance serves the old details.
    if (changed) await this.cache.productChanged(details.id);
    const levels = await this.stock.availableOf([details.id]);
    return withStock(details, levels[details.id] ?? 0);
  }

  @Transactional()
  private async revise(command: UpdateProductCommand): Promise<{ details: ProductDetails; changed: boolean }> {
    // Row lock: two concurrent revisions apply in turn, neither overwrites the other's fields.
    const product = await this.products.findByIdForUpdate(command.productId);
    if (!product) throw new ProductNotFoundError();
    const { price, ...rest } = command.changes;
    const before = product.snapshot();
    const changed = product.revise({ ...rest, price: price && Money.of(price.amount, price.currency) }, new Date());
    if (changed.length > 0) {
      await this.products.update(product);
      const after = product.snapshot();
      // Only the changed fields; a price change is its own action, the one an operator looks for first.
      await this.audit.record({
        action: changed.includes('price') ? 'product.price-changed' : 'product.updated',
        target: { type: 'product', id: product.id },
        before: Object.fromEntries(changed.map((field) => [field, before[field]])),
        after: Object.fromEntries(changed.map((field) => [field, after[field]])),
      });
    }
    return { details: toProductDetails(product, await this.images.findReadyByProducts([product.id])), changed: changed.length > 0 };
  }
}
