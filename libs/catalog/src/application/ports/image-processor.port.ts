export const IMAGE_PROCESSOR = Symbol('ImageProcessor');

export interface DecodedImage {
  /** As the decoder names it: `png`, `jpeg`, `webp`, … */
  format: string;
  width: number;
  height: number;
}

/** Decoding and resizing images (sharp in production). */
export interface ImageProcessor {
  /** `null` when the bytes do not decode as an image. */
  inspect(bytes: Buffer): Promise<DecodedImage | null>;
  /** The image scaled to `width` pixels wide (never enlarged), in the same format. */
  thumbnail(bytes: Buffer, width: number): Promise<Buffer>;
}
