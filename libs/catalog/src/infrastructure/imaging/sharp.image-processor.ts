import { Injectable } from '@nestjs/common';
import { loadOnFirstUse } from '@keel/kernel';
import type { DecodedImage, ImageProcessor } from '../../application';

/** Pixels a decoded image may have (a 5 MiB PNG can still declare a billion pixels: a decompression bomb). */
const MAX_INPUT_PIXELS = 50_000_000;

/** sharp (and libvips, ≈ 20 MB of RSS) only in a process that processes an image: the API never does. */
const loadSharp = loadOnFirstUse(async () => (await import('sharp')).default);

@Injectable()
export class SharpImageProcessor implements ImageProcessor {
  async inspect(bytes: Buffer): Promise<DecodedImage | null> {
    try {
      const sharp = await loadSharp();
      const image = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' });
      const metadata = await image.metadata();
      // Metadata reads the header only: decode the pixels too, so a truncated file is caught here.
      await image.clone().raw().toBuffer();
      if (!metadata.format || !metadata.width || !metadata.height) return null;
      return { format: metadata.format, width: metadata.width, height: metadata.height };
    } catch {
      return null;
    }
  }

  async thumbnail(bytes: Buffer, width: number): Promise<Buffer> {
    const sharp = await loadSharp();
    return sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).rotate().resize({ width, withoutEnlargement: true }).toBuffer();
  }
}
