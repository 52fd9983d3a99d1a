import { ConflictError, NotFoundError, TooLargeError, UnsupportedMediaTypeError } from '@keel/kernel/domain';

export class DuplicateSkuError extends ConflictError {
  override readonly code = 'duplicate-sku';
  constructor(sku: string) {
    super(`A product with SKU ${sku} already exists.`);
  }
}

export class ProductNotFoundError extends NotFoundError {
  override readonly code = 'product-not-found';
  constructor() {
    super('The product does not exist.');
  }
}

export class ProductImageNotFoundError extends NotFoundError {
  override readonly code = 'image-not-found';
  constructor() {
    super('The product has no such image.');
  }
}

export class UnsupportedImageTypeError extends UnsupportedMediaTypeError {
  override readonly code = 'unsupported-image-type';
  constructor(contentType: string) {
    super(`${contentType} is not accepted; upload image/png, image/jpeg or image/webp.`);
  }
}

export class ImageTooLargeError extends TooLargeError {
  override readonly code = 'image-too-large';
  constructor(declared: number, max: number) {
    super(`The image is ${declared} bytes; the limit is ${max} bytes.`);
  }
}
