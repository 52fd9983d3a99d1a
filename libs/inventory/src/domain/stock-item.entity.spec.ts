import { InvariantViolationError, ValidationError } from '@keel/kernel/domain';
import { InsufficientStockError, StockLimitExceededError } from './inventory.errors';
import { MAX_STOCK_UNITS, StockItem } from './stock-item.entity';

const PRODUCT = '00000000-0000-4000-8000-000000000001';

describe('StockItem', () => {
  it('When initialised, then everything is available and nothing reserved', () => {
    const item = StockItem.initialize(PRODUCT, 5);
    expect([item.available, item.reserved, item.version]).toEqual([5, 0, 1]);
  });

  it.each([-1, 1.5, Number.NaN, MAX_STOCK_UNITS + 1])('When initialised with %p units, then a validation error', (quantity) => {
    expect(() => StockItem.initialize(PRODUCT, quantity)).toThrow(ValidationError);
  });

  it('When an adjustment would take available below zero, then insufficient-stock and nothing changes', () => {
    const item = StockItem.initialize(PRODUCT, 3);
    const error = captureError(() => item.adjust(-4));
    expect(error).toBeInstanceOf(InsufficientStockError);
    expect(error).toMatchObject({ code: 'insufficient-stock', kind: 'conflict', requested: 4, available: 3 });
    expect(item.available).toBe(3);
  });

  it('When adjusted down to exactly zero, then allowed', () => {
    const item = StockItem.initialize(PRODUCT, 3);
    item.adjust(-3);
    expect(item.available).toBe(0);
    expect(item.version).toBe(2);
  });

  it('When an adjustment would pass the limit, then stock-limit-exceeded', () => {
    expect(() => StockItem.initialize(PRODUCT, MAX_STOCK_UNITS).adjust(1)).toThrow(StockLimitExceededError);
  });

  it.each([0, 0.5, Number.POSITIVE_INFINITY])('When the delta is %p, then a validation error', (delta) => {
    expect(() => StockItem.initialize(PRODUCT, 3).adjust(delta)).toThrow(ValidationError);
  });

  it('When units are reserved and released, then they move between available and reserved and the total is kept', () => {
    const item = StockItem.initialize(PRODUCT, 10);
    item.reserve(4);
    expect([item.available, item.reserved]).toEqual([6, 4]);
    item.release(4);
    expect([item.available, item.reserved]).toEqual([10, 0]);
  });

  it('When more is reserved than available, then insufficient-stock', () => {
    const item = StockItem.initialize(PRODUCT, 2);
    expect(item.canReserve(3)).toBe(false);
    expect(() => item.reserve(3)).toThrow(InsufficientStockError);
    expect(item.available).toBe(2);
  });

  it('When more is released than reserved, then the invariant is enforced', () => {
    const item = StockItem.initialize(PRODUCT, 2);
    item.reserve(1);
    expect(() => item.release(2)).toThrow(InvariantViolationError);
  });

  it('When restored with negative counts, then the invariant is enforced', () => {
    expect(() => StockItem.restore(PRODUCT, { available: -1, reserved: 0, version: 1 })).toThrow(InvariantViolationError);
    expect(() => StockItem.restore(PRODUCT, { available: 0, reserved: -1, version: 1 })).toThrow(InvariantViolationError);
  });
});

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
