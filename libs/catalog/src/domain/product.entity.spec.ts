import { Money, ValidationError } from '@keel/kernel/domain';
import { CATALOG_PRODUCT_CREATED, CATALOG_PRODUCT_UPDATED } from '../contracts';
import { Product } from './product.entity';
import { ProductCreatedEvent } from './product-created.domain-event';
import { ProductUpdatedEvent } from './product-updated.domain-event';

const now = new Date('2026-01-01T00:00:00Z');
const later = new Date('2026-01-02T00:00:00Z');
const create = (overrides: Partial<Parameters<typeof Product.create>[0]> = {}) =>
  Product.create({ id: 'p1', sku: 'TEE-BLK_M.1', name: '  Tee  ', description: null, price: Money.of(1999, 'USD'), now, ...overrides });

describe('Product', () => {
  it('When created, then the name is trimmed and ProductCreated carries a snapshot', () => {
    const product = create();
    expect(product.name).toBe('Tee');
    const events = product.pullEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toBeInstanceOf(ProductCreatedEvent);
    expect(events[0].eventName).toBe(CATALOG_PRODUCT_CREATED);
    expect(events[0].payload).toEqual({ sku: 'TEE-BLK_M.1', name: 'Tee', description: null, price: { amount: 1999, currency: 'USD' } });
  });

  it.each(['', 'has space', 'naïve', 'a/b', 'x'.repeat(65)])('When the SKU is "%s", then a validation error on sku', (sku) => {
    expect(() => create({ sku })).toThrow(ValidationError);
  });

  it('When the name is blank or too long, or the description too long, then a validation error names each field', () => {
    try {
      create({ name: ' ', description: 'd'.repeat(2001) });
      throw new Error('expected a validation error');
    } catch (error) {
      expect((error as ValidationError).errors.map((e) => e.field)).toEqual(['name', 'description']);
    }
    expect(() => create({ name: 'n'.repeat(201) })).toThrow(ValidationError);
  });

  it('When revised, then only real changes count, updatedAt moves, and ProductUpdated lists them', () => {
    const product = create();
    product.pullEvents();
    expect(product.revise({ name: 'Tee', price: Money.of(1999, 'USD') }, later)).toEqual([]);
    expect(product.updatedAt).toBe(now);
    expect(product.pullEvents()).toEqual([]);

    expect(product.revise({ name: 'Shirt', description: 'Soft', price: Money.of(2500, 'USD') }, later)).toEqual([
      'name',
      'description',
      'price',
    ]);
    expect(product.updatedAt).toBe(later);
    const [event] = product.pullEvents();
    expect(event).toBeInstanceOf(ProductUpdatedEvent);
    expect(event.eventName).toBe(CATALOG_PRODUCT_UPDATED);
    expect(event.payload).toMatchObject({ name: 'Shirt', changed: ['name', 'description', 'price'] });
  });

  it('When a revision is invalid, then nothing changes', () => {
    const product = create();
    expect(() => product.revise({ name: '   ', price: Money.of(1, 'USD') }, later)).toThrow(ValidationError);
    expect(product.name).toBe('Tee');
    expect(product.price.amount).toBe(1999);
  });

  it('When the description is set to null, then it is cleared', () => {
    const product = create({ description: 'Soft' });
    expect(product.revise({ description: null }, later)).toEqual(['description']);
    expect(product.description).toBeNull();
  });
});
