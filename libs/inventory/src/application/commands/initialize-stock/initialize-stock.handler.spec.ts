import { ValidationError } from '@keel/kernel/domain';
import { InitializeStockCommand } from '../../../contracts';
import { StockAlreadyInitializedError } from '../../../domain';
import { InMemoryStockItemRepository } from '../../../testing/stock-item.repository.fake';
import { InitializeStockHandler } from './initialize-stock.handler';

const ID = '6f1c1d4e-8a51-4f4e-9a0e-2b7f6f0c1a11';

describe('InitializeStockHandler', () => {
  let stock: InMemoryStockItemRepository;
  let handler: InitializeStockHandler;

  beforeEach(() => {
    stock = new InMemoryStockItemRepository();
    handler = new InitializeStockHandler(stock);
  });

  it('when a new product starts keeping stock, then its units are available and the movement says why', async () => {
    await handler.execute(new InitializeStockCommand(ID, 12));

    expect(stock.level(ID)).toEqual({ available: 12, reserved: 0 });
    expect(stock.movements).toEqual([{ productId: ID, delta: 12, reason: 'initial stock' }]);
  });

  it('when the product already keeps stock or the quantity is negative, then the matching error and nothing changes', async () => {
    stock.given(ID, 3);

    await expect(handler.execute(new InitializeStockCommand(ID, 12))).rejects.toThrow(StockAlreadyInitializedError);
    await expect(handler.execute(new InitializeStockCommand('other', -1))).rejects.toThrow(ValidationError);
    expect(stock.level(ID)).toEqual({ available: 3, reserved: 0 });
    expect(stock.movements).toEqual([]);
  });
});
