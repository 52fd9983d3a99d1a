import { exampleFromSchema } from './openapi-examples';

describe('exampleFromSchema', () => {
  const schemas = {
    Money: { properties: { amount: { example: 1999 }, currency: { example: 'USD' } } },
    Line: { properties: { sku: { example: 'TEE-BLK-M' }, price: { $ref: '#/components/schemas/Money' } } },
  };

  it('When fields have examples, then the body is assembled from them, following $refs, allOf and arrays', () => {
    const schema = {
      properties: {
        lines: { items: { $ref: '#/components/schemas/Line' } },
        total: { allOf: [{ $ref: '#/components/schemas/Money' }] },
        next: { example: null },
      },
    };
    expect(exampleFromSchema(schema, schemas)).toEqual({
      lines: [{ sku: 'TEE-BLK-M', price: { amount: 1999, currency: 'USD' } }],
      total: { amount: 1999, currency: 'USD' },
      next: null,
    });
  });

  it('When a field states its own example, then it wins over the referenced schema', () => {
    const schema = {
      properties: { total: { example: { amount: 3998, currency: 'USD' }, allOf: [{ $ref: '#/components/schemas/Money' }] } },
    };
    expect(exampleFromSchema(schema, schemas)).toEqual({ total: { amount: 3998, currency: 'USD' } });
  });

  it('When any leaf has no example, then there is no example (Spectral reports the leaf)', () => {
    expect(exampleFromSchema({ properties: { a: { example: 1 }, b: { type: 'string' } } } as never, schemas)).toBeUndefined();
    expect(exampleFromSchema({ $ref: '#/components/schemas/Missing' }, schemas)).toBeUndefined();
  });
});
