import { parseForm } from './sandbox';

describe('parseForm (the sandbox’s Stripe form encoding)', () => {
  afterEach(() => {
    // A failing run must not leave the pollution behind for other specs in this worker.
    for (const key of ['polluted', 'isAdmin']) delete (Object.prototype as Record<string, unknown>)[key];
  });

  it('When keys are nested or listed, then they become objects and arrays as the SDK means them', () => {
    expect(parseForm('amount=100&metadata[order_id]=o1&expand[]=a&expand[]=b&items[0][price]=p')).toEqual({
      amount: '100',
      metadata: { order_id: 'o1' },
      expand: ['a', 'b'],
      items: [{ price: 'p' }],
    });
  });

  it.each([
    '__proto__[polluted]=yes',
    'a[__proto__][polluted]=yes',
    'constructor[prototype][polluted]=yes',
    'a[constructor][prototype][polluted]=yes',
    'metadata[prototype][isAdmin]=yes',
    '__proto__=yes',
  ])('When a key reaches for the prototype (%s), then it is ignored and Object.prototype is untouched', (body) => {
    const parsed = parseForm(`${body}&amount=5`);
    expect(parsed).toEqual({ amount: '5' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });
});
