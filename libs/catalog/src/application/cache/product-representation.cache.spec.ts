import type { ProductDetails } from '../views/product.view';
import { fingerprintOf } from './product.cache';
import { ProductRepresentationCache } from './product-representation.cache';

const ID = '6f1c1d4e-8a51-4f4e-9a0e-2b7f6f0c1a11';

const details = (name: string): ProductDetails => ({
  id: ID,
  sku: 'TEE-1',
  name,
  description: null,
  price: { amount: 1999, currency: 'USD' },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  images: [],
});

describe('ProductRepresentationCache', () => {
  let representations: ProductRepresentationCache;
  const tee = details('Tee');
  const shirt = details('Shirt');

  beforeEach(() => {
    representations = new ProductRepresentationCache();
  });

  it('When only the stock changed, then it rebuilds from the details it kept, without reading them again', async () => {
    await representations.representation(ID, fingerprintOf(tee), 4, async () => tee);
    const read = jest.fn(async () => tee);

    const atThree = await representations.representation(ID, fingerprintOf(tee), 3, read);

    expect(read).not.toHaveBeenCalled();
    expect(JSON.parse(atThree!.body.toString())).toMatchObject({ name: 'Tee', stock: 3 });
  });

  it('When the details read lag behind the current fingerprint, then what was built from them is not served under that fingerprint', async () => {
    // This instance still holds the old details for a moment after the product changed: the response is built from
    // them (as the cache returned them), but the next read with the new fingerprint must not get it back.
    const lagging = await representations.representation(ID, fingerprintOf(shirt), 4, async () => tee);
    expect(JSON.parse(lagging!.body.toString()).name).toBe('Tee');

    const current = await representations.representation(ID, fingerprintOf(shirt), 4, async () => shirt);

    expect(JSON.parse(current!.body.toString()).name).toBe('Shirt');
  });

  it('When the details are gone, then null', async () => {
    expect(await representations.representation(ID, 'any', 4, async () => null)).toBeNull();
  });
});
