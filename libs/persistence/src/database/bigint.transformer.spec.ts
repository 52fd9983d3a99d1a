import { bigintAsNumber } from './bigint.transformer';

describe('bigintAsNumber', () => {
  it('When pg returns a bigint as a string, then the entity gets the exact number', () => {
    expect(bigintAsNumber.from('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(bigintAsNumber.from('1999')).toBe(1999);
  });

  it('When the column is NULL, then the entity gets null (not 0)', () => {
    expect(bigintAsNumber.from(null)).toBeNull();
  });

  it('When an entity is written, then the number goes to pg unchanged', () => {
    expect(bigintAsNumber.to(1999)).toBe(1999);
  });
});
