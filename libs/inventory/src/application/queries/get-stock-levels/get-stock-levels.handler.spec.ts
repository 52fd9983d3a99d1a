import { GetStockLevelsQuery } from '../../../contracts';
import { listeningStockLevelCache } from '../../../testing/stock-level.cache.fake';
import { InMemoryStockItemRepository } from '../../../testing/stock-item.repository.fake';
import { GetStockLevelsHandler } from './get-stock-levels.handler';

const A = '6f1c1d4e-8a51-4f4e-9a0e-2b7f6f0c1a11';
const B = '7f1c1d4e-8a51-4f4e-9a0e-2b7f6f0c1a11';
const NONE = '8f1c1d4e-8a51-4f4e-9a0e-2b7f6f0c1a11';

describe('GetStockLevelsHandler', () => {
  let stock: InMemoryStockItemRepository;
  let handler: GetStockLevelsHandler;

  beforeEach(() => {
    stock = new InMemoryStockItemRepository().given(A, 4).given(B, 0, 2);
    handler = new GetStockLevelsHandler(stock, listeningStockLevelCache());
  });

  it('when several products are asked for, then the available units of those that keep stock', async () => {
    expect(await handler.execute(new GetStockLevelsQuery([A, B, NONE, A]))).toEqual({ [A]: 4, [B]: 0 });
  });

  it('when one product is asked for, then its level is served from the cache until its row changes', async () => {
    expect(await handler.execute(new GetStockLevelsQuery([A]))).toEqual({ [A]: 4 });
    await stock.adjust(A, -1, { reason: 'behind the cache' });
    expect(await handler.execute(new GetStockLevelsQuery([A]))).toEqual({ [A]: 4 });
  });

  it('when the one id is malformed, unknown, or none is given, then an empty answer', async () => {
    expect(await handler.execute(new GetStockLevelsQuery(['not-a-uuid']))).toEqual({});
    expect(await handler.execute(new GetStockLevelsQuery([NONE]))).toEqual({});
    expect(await handler.execute(new GetStockLevelsQuery([]))).toEqual({});
  });
});
