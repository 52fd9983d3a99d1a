import { Money, ValidationError } from '@keel/kernel/domain';
import { Product } from '../../../domain';
import { RecordingProductCache } from '../../../testing/product.cache.fake';
import { InMemoryProductRepository } from '../../../testing/product.repository.fake';
import { InMemoryStockLevels } from '../../../testing/stock-levels.fake';
import { ListProductsHandler } from './list-products.handler';
import { ListProductsQuery } from './list-products.query';
import { InMemoryProductImageRepository } from '../../../testing/product-image.repository.fake';

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const product = (n: number, name: string) =>
  Product.create({ id: id(n), sku: `SKU-${n}`, name, price: Money.of(100 * n, 'USD'), now: new Date(Date.UTC(2026, 0, n)) });

describe('ListProductsHandler', () => {
  let stock: InMemoryStockLevels;
  let handler: ListProductsHandler;

  beforeEach(() => {
    const products = new InMemoryProductRepository().given(product(1, 'Mug'), product(2, 'Tee'), product(3, 'Cap'));
    stock = new InMemoryStockLevels().given(id(1), 1).given(id(3), 3);
    handler = new ListProductsHandler(products, stock, new InMemoryProductImageRepository(), new RecordingProductCache());
  });

  it('when listed, then newest first, paged by cursor, each with its stock (0 when inventory keeps none)', async () => {
    const first = await handler.execute(new ListProductsQuery(2));
    expect(first.items.map((p) => [p.name, p.stock])).toEqual([
      ['Cap', 3],
      ['Tee', 0],
    ]);

    const second = await handler.execute(new ListProductsQuery(2, first.nextCursor!));
    expect(second.items.map((p) => [p.name, p.stock])).toEqual([['Mug', 1]]);
    expect(second.nextCursor).toBeNull();
  });

  it('when searching, then only matching products; when nothing matches, then inventory is not asked', async () => {
    expect((await handler.execute(new ListProductsQuery(10, undefined, ' tee '))).items.map((p) => p.name)).toEqual(['Tee']);
    stock.calls.length = 0;
    expect((await handler.execute(new ListProductsQuery(10, undefined, 'nothing'))).items).toEqual([]);
    expect(stock.calls).toEqual([]);
  });

  it('when the cursor is forged, then a validation error', async () => {
    await expect(handler.execute(new ListProductsQuery(2, 'forged'))).rejects.toThrow(ValidationError);
  });
});
