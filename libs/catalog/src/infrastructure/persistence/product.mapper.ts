import { Money } from '@keel/kernel/domain';
import { Product } from '../../domain';
import { ProductOrmEntity } from './product.orm-entity';

export const ProductMapper = {
  toDomain(row: ProductOrmEntity): Product {
    return Product.restore(row.id, {
      sku: row.sku,
      name: row.name,
      description: row.description,
      price: Money.of(row.priceAmount, row.priceCurrency),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      version: row.version,
    });
  },
  toPersistence(product: Product): Omit<ProductOrmEntity, 'version'> {
    return {
      id: product.id,
      sku: product.sku,
      name: product.name,
      description: product.description,
      priceAmount: product.price.amount,
      priceCurrency: product.price.currency,
      createdAt: product.createdAt,
      updatedAt: product.updatedAt,
    };
  },
};
