import { ValidationError } from '@keel/kernel/domain';
import { AdjustStockCommand } from '../../../contracts';
import { InsufficientStockError, MAX_STOCK_UNITS, StockItemNotFoundError, StockLimitExceededError } from '../../../domain';
import { listeningStockLevelCache } from '../../../testing/stock-level.cache.fake';
import { InMemoryStockItemRepository } from '../../../testing/stock-item.repository.fake';
import type { StockLevelCache } from '../../cache/stock-level.cache';
import { AdjustStockHandler } from './adjust-stock.handler';

const ID = '6f1c1d4e-8a51-4f4e-9a0e-2b7f6f0c1a11';

describe('AdjustStockHandler', () => {
  let stock: InMemoryStockItemRepository;
  let cache: StockLevelCache;
  let handler: AdjustStockHandler;
  let loads: number;
  /** Reads the level through the cache twice: 1 load when the cache is trusted for the product, 2 when bypassed. */
  const loadsForTwoReads = async () => {
    loads = 0;
    const load = async () => (loads++, stock.level(ID)?.available ?? null);
    await cache.available(ID, load);
    await cache.available(ID, load);
    return loads;
  };

  beforeEach(() => {
    stock = new InMemoryStockItemRepository().given(ID, 5);
    cache = listeningStockLevelCache();
    handler = new AdjustStockHandler(stock, cache);
  });

  it('when adjusted, then the new level is returned, the movement keeps the trimmed reason, and this instance reads fresh until its change is heard', async () => {
    const level = await handler.execute(new AdjustStockCommand(ID, 3, '  delivery  '));

    expect(level).toEqual({ productId: ID, available: 8, reserved: 0 });
    expect(stock.movements).toEqual([{ productId: ID, delta: 3, reason: 'delivery' }]);
    expect(stock.labels).toHaveLength(1);
    expect(await loadsForTwoReads()).toBe(2);
    await cache.changed(ID, stock.labels[0]); // the change's own notification
    expect(await loadsForTwoReads()).toBe(1);
  });

  it('when the stock would go negative, then InsufficientStockError, nothing changes and the cache is trusted again', async () => {
    await expect(handler.execute(new AdjustStockCommand(ID, -6, 'count'))).rejects.toThrow(InsufficientStockError);

    expect(stock.level(ID)).toEqual({ available: 5, reserved: 0 });
    expect(await loadsForTwoReads()).toBe(1);
  });

  it('when the product keeps no stock or the limit would be passed, then the matching error', async () => {
    await expect(handler.execute(new AdjustStockCommand('8a1c1d4e-8a51-4f4e-9a0e-2b7f6f0c1a11', 1, 'x'))).rejects.toThrow(
      StockItemNotFoundError,
    );
    await expect(handler.execute(new AdjustStockCommand(ID, MAX_STOCK_UNITS, 'x'))).rejects.toThrow(StockLimitExceededError);
  });

  it('when the delta is zero or the reason blank, then a validation error before anything is labelled', async () => {
    await expect(handler.execute(new AdjustStockCommand(ID, 0, 'x'))).rejects.toThrow(ValidationError);
    await expect(handler.execute(new AdjustStockCommand(ID, 1, '   '))).rejects.toThrow(ValidationError);
    expect(stock.labels).toEqual([]);
  });
});
