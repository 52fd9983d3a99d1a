import type { ImageContentType } from '../../domain';

/** What the decoder calls each accepted type, and the extension of its content-addressed key. */
export const IMAGE_FORMATS: Record<ImageContentType, { format: string; extension: string }> = {
  'image/png': { format: 'png', extension: 'png' },
  'image/jpeg': { format: 'jpeg', extension: 'jpg' },
  'image/webp': { format: 'webp', extension: 'webp' },
};

/** Whether the first bytes are the signature of the declared type (a text file sent as image/png is not). */
export function hasMagicBytes(bytes: Buffer, type: ImageContentType): boolean {
  switch (type) {
    case 'image/png':
      return bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    case 'image/jpeg':
      return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
    case 'image/webp':
      return bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP';
  }
}

/** Objects are named by their content: equal bytes share one key, and a key's bytes never change (immutable caching). */
export const contentAddressedKey = (sha256: string, type: ImageContentType): string => `images/${sha256}.${IMAGE_FORMATS[type].extension}`;

/** What the API serves under /media/images/: a content-addressed name, nothing else. */
export const MEDIA_IMAGE_FILE = /^[a-f0-9]{64}\.(png|jpg|webp)$/;
export const CONTENT_TYPE_OF_EXTENSION: Record<string, ImageContentType> = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp' };

/** Long-lived and immutable: the key changes whenever the bytes do. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
