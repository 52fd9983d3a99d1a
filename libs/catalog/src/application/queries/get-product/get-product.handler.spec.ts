import { Money } from '@keel/kernel/domain';
import { Product, ProductNotFoundError } from '../../../domain';
import { RecordingProductCache } from '../../../testing/product.cache.fake';
import { InMemoryProductRepository } from '../../../testing/product.repository.fake';
import { InMemoryStockLevels } from '../../../testing/stock-levels.fake';
import { ProductRepresentationCache } from '../../cache/product-representation.cache';
import { type ProductRepresentation, strongEtag } from '../../views/product.representation';
import { GetProductHandler } from './get-product.handler';
import { GetProductQuery } from './get-product.query';
import { InMemoryProductImageRepository } from '../../../testing/product-image.repository.fake';

const ID = '6f1c1d4e-8a51-4f4e-9a0e-2b7f6f0c1a11';

const json = (representation: ProductRepresentation) => JSON.parse(representation.body.toString('utf8'));

describe('GetProductHandler', () => {
  let products: InMemoryProductRepository;
  let stock: InMemoryStockLevels;
  let cache: RecordingProductCache;
  let handler: GetProductHandler;
  const read = (id = ID) => handler.execute(new GetProductQuery(id));

  beforeEach(() => {
    products = new InMemoryProductRepository().given(
      Product.create({ id: ID, sku: 'TEE-1', name: 'Tee', price: Money.of(1999, 'USD'), now: new Date('2026-01-01T00:00:00Z') }),
    );
    stock = new InMemoryStockLevels().given(ID, 4);
    cache = new RecordingProductCache();
    handler = new GetProductHandler(products, stock, new InMemoryProductImageRepository(), cache, new ProductRepresentationCache());
  });

  afterEach(() => jest.restoreAllMocks());

  const revise = async (changes: { name: string }) => {
    const changed = products.stored(ID)!;
    changed.revise(changes, new Date('2026-01-02T00:00:00Z'));
    await products.update(changed);
  };

  it('when the product exists, then its details with the stock inventory reports now, as JSON in the public field order with its strong ETag', async () => {
    const representation = await read();
    const text = representation.body.toString('utf8');
    expect(text).toBe(
      `{"id":"${ID}","sku":"TEE-1","name":"Tee","description":null,"price":{"amount":1999,"currency":"USD"},"stock":4,` +
        `"createdAt":"2026-01-01T00:00:00.000Z","updatedAt":"2026-01-01T00:00:00.000Z","images":[]}`,
    );
    expect(representation.etag).toBe(strongEtag(text));
  });

  it('when read again, then details come from the cache until the product changes, while stock is always fresh', async () => {
    await read();
    await revise({ name: 'Shirt' });
    stock.given(ID, 1);

    expect(json(await read())).toMatchObject({ name: 'Tee', stock: 1 });
    await cache.productChanged(ID);
    expect(json(await read())).toMatchObject({ name: 'Shirt', stock: 1 });
  });

  it('when read again with nothing changed, then the same bytes are served as they are: nothing is serialised, hashed or loaded', async () => {
    const first = await read();
    const stringify = jest.spyOn(JSON, 'stringify');
    const parse = jest.spyOn(JSON, 'parse');
    const findById = jest.spyOn(products, 'findById');

    const second = await read();

    expect(second).toBe(first);
    expect(stringify).not.toHaveBeenCalled();
    expect(findById).not.toHaveBeenCalled();
    // The cache hands back the details' fingerprint (a short JSON string), never the details themselves.
    for (const [text] of parse.mock.calls) expect(String(text).length).toBeLessThan(first.body.length / 4);
  });

  it('when the product changes, then the next read after the invalidation has the new body and another ETag', async () => {
    const before = await read();
    await revise({ name: 'Shirt' });
    await cache.productChanged(ID);

    const after = await read();

    expect(json(after)).toMatchObject({ name: 'Shirt', stock: 4 });
    expect(after.etag).not.toBe(before.etag);
  });

  it('when only the stock changes, then the body and ETag follow it, and the earlier level brings back the earlier ETag', async () => {
    const atFour = await read();
    stock.given(ID, 3);
    const atThree = await read();
    expect(json(atThree).stock).toBe(3);
    expect(atThree.etag).not.toBe(atFour.etag);

    stock.given(ID, 4);
    const againAtFour = await read();
    expect(againAtFour.etag).toBe(atFour.etag);
    expect(againAtFour.body.equals(atFour.body)).toBe(true);
  });

  it('when the id is spelt in capitals, then it is the same product, and its invalidation reaches that spelling too', async () => {
    const lower = await read(ID);
    expect(await read(ID.toUpperCase())).toBe(lower);

    await revise({ name: 'Shirt' });
    await cache.productChanged(ID);

    expect(json(await read(ID.toUpperCase()))).toMatchObject({ name: 'Shirt' });
  });

  it('when the product does not exist, then ProductNotFoundError', async () => {
    await expect(read('unknown')).rejects.toThrow(ProductNotFoundError);
  });
});
