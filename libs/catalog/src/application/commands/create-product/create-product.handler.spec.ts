import { ConflictError, ValidationError } from '@keel/kernel/domain';
import { InMemoryAuditTrail, InMemoryTransactions } from '@keel/kernel/testing';
import { CATALOG_PRODUCT_CREATED } from '../../../contracts';
import { DuplicateSkuError } from '../../../domain';
import { RecordingProductCache } from '../../../testing/product.cache.fake';
import { InMemoryProductRepository } from '../../../testing/product.repository.fake';
import { InMemoryStockLevels } from '../../../testing/stock-levels.fake';
import { CreateProductCommand } from './create-product.command';
import { CreateProductHandler } from './create-product.handler';

const USD = (amount: number) => ({ amount, currency: 'USD' });

describe('CreateProductHandler', () => {
  let transactions: InMemoryTransactions;
  let products: InMemoryProductRepository;
  let stock: InMemoryStockLevels;
  let cache: RecordingProductCache;
  let audit: InMemoryAuditTrail;
  let handler: CreateProductHandler;

  beforeEach(() => {
    transactions = new InMemoryTransactions();
    products = new InMemoryProductRepository();
    stock = new InMemoryStockLevels(transactions);
    cache = new RecordingProductCache(transactions);
    audit = new InMemoryAuditTrail(transactions);
    handler = new CreateProductHandler(products, stock, cache, audit);
  });

  it('when created, then the product, its stock and catalog.product-created commit in one transaction, and the cache is invalidated after it', async () => {
    const view = await handler.execute(new CreateProductCommand('TEE-1', 'Tee', null, USD(1999), 7));

    expect(view).toMatchObject({ sku: 'TEE-1', name: 'Tee', price: USD(1999), stock: 7 });
    expect(products.stored(view.id)?.name).toBe('Tee');
    expect(products.outbox.names).toEqual([CATALOG_PRODUCT_CREATED]);
    expect(stock.levels.get(view.id)).toBe(7);
    expect(stock.calls).toEqual([{ method: 'initialize', args: [view.id, 7], transaction: { id: 1, savepoint: 0 } }]);
    expect(transactions).toMatchObject({ begun: 1, committed: 1 });
    expect(cache.invalidations).toEqual([{ productId: view.id, transaction: undefined }]);
    expect(audit.entries).toEqual([
      {
        action: 'product.created',
        target: { type: 'product', id: view.id },
        after: { sku: 'TEE-1', name: 'Tee', description: null, price: USD(1999), stock: 7 },
        transaction: { id: 1, savepoint: 0 },
      },
    ]);
  });

  it('when inventory refuses the stock, then the transaction rolls back and nothing is invalidated', async () => {
    stock.initialize = async () => {
      throw new ConflictError('refused');
    };

    await expect(handler.execute(new CreateProductCommand('TEE-1', 'Tee', null, USD(1999), 7))).rejects.toThrow('refused');

    expect(transactions).toMatchObject({ begun: 1, rolledBack: 1 });
    expect(cache.invalidations).toEqual([]);
    expect(audit.entries).toEqual([]);
  });

  it('when the SKU is taken or the product invalid, then the matching error and no stock', async () => {
    await handler.execute(new CreateProductCommand('TEE-1', 'Tee', null, USD(1999), 7));

    await expect(handler.execute(new CreateProductCommand('tee-1', 'Other', null, USD(1), 1))).rejects.toThrow(DuplicateSkuError);
    await expect(handler.execute(new CreateProductCommand('bad sku', 'Tee', null, USD(1), 1))).rejects.toThrow(ValidationError);
    expect(stock.levels.size).toBe(1);
  });
});
