import { ConflictError, Money } from '@keel/kernel/domain';
import { InMemoryAuditTrail } from '@keel/kernel/testing';
import { Product, ProductNotFoundError } from '../../../domain';
import { InMemoryProductRepository } from '../../../testing/product.repository.fake';
import { InMemoryStockLevels } from '../../../testing/stock-levels.fake';
import { AdjustProductStockCommand } from './adjust-product-stock.command';
import { AdjustProductStockHandler } from './adjust-product-stock.handler';
import { InMemoryProductImageRepository } from '../../../testing/product-image.repository.fake';

const ID = '6f1c1d4e-8a51-4f4e-9a0e-2b7f6f0c1a11';

describe('AdjustProductStockHandler', () => {
  let stock: InMemoryStockLevels;
  let audit: InMemoryAuditTrail;
  let handler: AdjustProductStockHandler;

  beforeEach(() => {
    const products = new InMemoryProductRepository().given(
      Product.create({ id: ID, sku: 'TEE-1', name: 'Tee', price: Money.of(1999, 'USD'), now: new Date() }),
    );
    stock = new InMemoryStockLevels().given(ID, 5);
    audit = new InMemoryAuditTrail();
    handler = new AdjustProductStockHandler(products, stock, new InMemoryProductImageRepository(), audit);
  });

  it('when the product exists, then inventory adjusts its stock with the reason and the product shows the new level', async () => {
    const view = await handler.execute(new AdjustProductStockCommand(ID, -2, 'shrinkage'));

    expect(view).toMatchObject({ id: ID, sku: 'TEE-1', stock: 3 });
    expect(stock.calls.map((c) => [c.method, ...c.args])).toEqual([['adjust', ID, -2, 'shrinkage']]);
    expect(audit.entries).toEqual([
      expect.objectContaining({
        action: 'stock.adjusted',
        target: { type: 'product', id: ID },
        before: { available: 5 },
        after: { available: 3, delta: -2, reason: 'shrinkage' },
      }),
    ]);
  });

  it('when inventory refuses (below zero), then its error reaches the caller', async () => {
    await expect(handler.execute(new AdjustProductStockCommand(ID, -6, 'count'))).rejects.toThrow(ConflictError);
    expect(stock.levels.get(ID)).toBe(5);
    expect(audit.entries).toEqual([]);
  });

  it('when the product does not exist, then ProductNotFoundError and inventory is not asked', async () => {
    await expect(handler.execute(new AdjustProductStockCommand('unknown', 1, 'delivery'))).rejects.toThrow(ProductNotFoundError);
    expect(stock.calls).toEqual([]);
  });
});
