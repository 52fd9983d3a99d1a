import { contentAddressedKey, hasMagicBytes } from './image-format';

describe('image format checks', () => {
  const png = Buffer.from('89504e470d0a1a0a0000', 'hex');
  const jpeg = Buffer.from('ffd8ffe000104a464946', 'hex');
  const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);

  it('When the first bytes are the declared type’s signature, then they match; text or another type does not', () => {
    expect(hasMagicBytes(png, 'image/png')).toBe(true);
    expect(hasMagicBytes(jpeg, 'image/jpeg')).toBe(true);
    expect(hasMagicBytes(webp, 'image/webp')).toBe(true);
    expect(hasMagicBytes(Buffer.from('just some text'), 'image/png')).toBe(false);
    expect(hasMagicBytes(png, 'image/jpeg')).toBe(false);
    expect(hasMagicBytes(Buffer.alloc(0), 'image/webp')).toBe(false);
  });

  it('When a key is made, then it is named by the hash and the type’s extension', () => {
    expect(contentAddressedKey('ab'.repeat(32), 'image/jpeg')).toBe(`images/${'ab'.repeat(32)}.jpg`);
  });
});
