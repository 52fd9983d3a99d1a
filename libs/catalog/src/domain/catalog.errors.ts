import { ConflictError, NotFoundError } from '@keel/kernel/domain';

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
