import { Money, ValidationError } from '@keel/kernel/domain';
import { InMemoryAuditTrail, InMemoryTransactions } from '@keel/kernel/testing';
import { CATALOG_PRODUCT_UPDATED } from '../../../contracts';
import { Product, ProductNotFoundError } from '../../../domain';
import { RecordingProductCache } from '../../../testing/product.cache.fake';
import { InMemoryProductRepository } from '../../../testing/product.repository.fake';
import { InMemoryStockLevels } from '../../../testing/stock-levels.fake';
import { UpdateProductCommand } from './update-product.command';
import { UpdateProductHandler } from './update-product.handler';
import { InMemoryProductImageRepository } from '../../../testing/product-image.repository.fake';

const ID = '6f1c1d4e-8a51-4f4e-9a0e-2b7f6f0c1a11';

describe('UpdateProductHandler', () => {
  let transactions: InMemoryTransactions;
  let products: InMemoryProductRepository;
  let cache: RecordingProductCache;
  let audit: InMemoryAuditTrail;
  let handler: UpdateProductHandler;

  beforeEach(() => {
    transactions = new InMemoryTransactions();
    products = new InMemoryProductRepository().given(
      Product.create({ id: ID, sku: 'TEE-1', name: 'Tee', price: Money.of(1999, 'USD'), now: new Date('2026-01-01T00:00:00Z') }),
    );
    cache = new RecordingProductCache(transactions);
    audit = new InMemoryAuditTrail(transactions);
    handler = new UpdateProductHandler(
      products,
      new InMemoryStockLevels().given(ID, 4),
      new InMemoryProductImageRepository(),
      cache,
      audit,
    );
  });

  it('when a field changes, then it is stored, catalog.product-updated published, the cache invalidated after commit, and stock shown', async () => {
    const view = await handler.execute(new UpdateProductCommand(ID, { name: 'Shirt', price: { amount: 2500, currency: 'USD' } }));

    expect(view).toMatchObject({ id: ID, name: 'Shirt', price: { amount: 2500, currency: 'USD' }, stock: 4 });
    expect(products.stored(ID)).toMatchObject({ name: 'Shirt', version: 2 });
    expect(products.outbox.names).toEqual([CATALOG_PRODUCT_UPDATED]);
    expect(cache.invalidations).toEqual([{ productId: ID, transaction: undefined }]);
    expect(audit.entries).toEqual([
      {
        action: 'product.price-changed',
        target: { type: 'product', id: ID },
        before: { name: 'Tee', price: { amount: 1999, currency: 'USD' } },
        after: { name: 'Shirt', price: { amount: 2500, currency: 'USD' } },
        transaction: { id: 1, savepoint: 0 },
      },
    ]);
  });

  it('when only the name changes, then the audit row says product.updated with that field alone', async () => {
    await handler.execute(new UpdateProductCommand(ID, { name: 'Shirt', price: { amount: 1999, currency: 'USD' } }));

    expect(audit.entries).toEqual([
      expect.objectContaining({ action: 'product.updated', before: { name: 'Tee' }, after: { name: 'Shirt' } }),
    ]);
  });

  it('when nothing really changes, then nothing is stored, published or invalidated', async () => {
    await handler.execute(new UpdateProductCommand(ID, { name: 'Tee' }));

    expect(products.stored(ID)?.version).toBe(1);
    expect(audit.entries).toEqual([]);
    expect(products.outbox.names).toEqual([]);
    expect(cache.invalidations).toEqual([]);
  });

  it('when the body is empty or the product unknown, then a validation error or ProductNotFoundError', async () => {
    await expect(handler.execute(new UpdateProductCommand(ID, {}))).rejects.toThrow(ValidationError);
    await expect(handler.execute(new UpdateProductCommand('unknown', { name: 'x' }))).rejects.toThrow(ProductNotFoundError);
    expect(transactions.rolledBack).toBe(1);
  });
});
