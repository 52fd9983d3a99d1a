import { Money } from '@keel/kernel/domain';
import { GetProductsForOrderQuery } from '../../../contracts';
import { Product } from '../../../domain';
import { InMemoryProductRepository } from '../../../testing/product.repository.fake';
import { GetProductsForOrderHandler } from './get-products-for-order.handler';

const ID = '6f1c1d4e-8a51-4f4e-9a0e-2b7f6f0c1a11';

describe('GetProductsForOrderHandler', () => {
  const handler = new GetProductsForOrderHandler(
    new InMemoryProductRepository().given(
      Product.create({ id: ID, sku: 'TEE-1', name: 'Tee', price: Money.of(1999, 'USD'), now: new Date() }),
    ),
  );

  it('when asked for known, repeated and unknown ids, then each known product once with its current price', async () => {
    expect(await handler.execute(new GetProductsForOrderQuery([ID, ID, 'unknown']))).toEqual([
      { id: ID, sku: 'TEE-1', name: 'Tee', price: { amount: 1999, currency: 'USD' } },
    ]);
  });

  it('when asked for no ids, then none', async () => {
    expect(await handler.execute(new GetProductsForOrderQuery([]))).toEqual([]);
  });
});
