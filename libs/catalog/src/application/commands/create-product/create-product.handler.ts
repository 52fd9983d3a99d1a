import { Inject } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import { randomUUID } from 'node:crypto';
import { ManualTransactionCommandHandler } from '@keel/messaging';
import { AuditTrail } from '@keel/kernel';
import { Money } from '@keel/kernel/domain';
import { Product, PRODUCT_REPOSITORY, type ProductRepository } from '../../../domain';
import { ProductCache } from '../../cache/product.cache';
import { STOCK_LEVELS, type StockLevels } from '../../ports/stock-levels.port';
import { toProductDetails, type ProductView, withStock } from '../../views/product.view';
import { CreateProductCommand } from './create-product.command';

@ManualTransactionCommandHandler(CreateProductCommand)
export class CreateProductHandler implements ICommandHandler<CreateProductCommand> {
  constructor(
    @Inject(PRODUCT_REPOSITORY) private readonly products: ProductRepository,
    @Inject(STOCK_LEVELS) private readonly stock: StockLevels,
    private readonly cache: ProductCache,
    private readonly audit: AuditTrail,
  ) {}

  async execute(command: CreateProductCommand): Promise<ProductView> {
    const view = await this.create(command);
    // After commit, never before: a reader between the two would cache the old list again.
    await this.cache.productChanged(view.id);
    return view;
  }

  /** The product, its stock, its event and its audit row commit together or not at all. */
  @Transactional()
  private async create(command: CreateProductCommand): Promise<ProductView> {
    const product = Product.create({
      id: randomUUID(),
      sku: command.sku,
      name: command.name,
      description: command.description,
      price: Money.of(command.price.amount, command.price.currency),
      now: new Date(),
    });
    await this.products.insert(product);
    await this.stock.initialize(product.id, command.stock);
    await this.audit.record({
      action: 'product.created',
      target: { type: 'product', id: product.id },
      after: { ...product.snapshot(), stock: command.stock },
    });
    return withStock(toProductDetails(product), command.stock);
  }
}
