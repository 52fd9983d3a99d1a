import { Money } from '@keel/kernel/domain';
import { Product, ProductNotFoundError } from '../../../domain';
import { RecordingProductCache } from '../../../testing/product.cache.fake';
import { InMemoryProductRepository } from '../../../testing/product.repository.fake';
import { InMemoryStockLevels } from '../../../testing/stock-levels.fake';
import { GetProductHandler } from './get-product.handler';
import { GetProductQuery } from './get-product.query';
import { InMemoryProductImageRepository } from '../../../testing/product-image.repository.fake';

const ID = '6f1c1d4e-8a51-4f4e-9a0e-2b7f6f0c1a11';

describe('GetProductHandler', () => {
  let products: InMemoryProductRepository;
  let stock: InMemoryStockLevels;
  let cache: RecordingProductCache;
  let handler: GetProductHandler;

  beforeEach(() => {
    products = new InMemoryProductRepository().given(
      Product.create({ id: ID, sku: 'TEE-1', name: 'Tee', price: Money.of(1999, 'USD'), now: new Date('2026-01-01T00:00:00Z') }),
    );
    stock = new InMemoryStockLevels().given(ID, 4);
    cache = new RecordingProductCache();
    handler = new GetProductHandler(products, stock, new InMemoryProductImageRepository(), cache);
  });

  it('when the product exists, then its details with the stock inventory reports now', async () => {
    expect(await handler.execute(new GetProductQuery(ID))).toEqual({
      id: ID,
      sku: 'TEE-1',
      name: 'Tee',
      description: null,
      price: { amount: 1999, currency: 'USD' },
      stock: 4,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      images: [],
    });
  });

  it('when read again, then details come from the cache until the product changes, while stock is always fresh', async () => {
    await handler.execute(new GetProductQuery(ID));
    const changed = products.stored(ID)!;
    changed.revise({ name: 'Shirt' }, new Date('2026-01-02T00:00:00Z'));
    await products.update(changed);
    stock.given(ID, 1);

    expect(await handler.execute(new GetProductQuery(ID))).toMatchObject({ name: 'Tee', stock: 1 });
    await cache.productChanged(ID);
    expect(await handler.execute(new GetProductQuery(ID))).toMatchObject({ name: 'Shirt', stock: 1 });
  });

  it('when the product does not exist, then ProductNotFoundError', async () => {
    await expect(handler.execute(new GetProductQuery('unknown'))).rejects.toThrow(ProductNotFoundError);
  });
});
