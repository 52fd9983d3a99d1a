import { Query } from '@nestjs/cqrs';
import type { Page } from '@keel/http';
import type { ProductView } from '../../views/product.view';

export class ListProductsQuery extends Query<Page<ProductView>> {
  constructor(
    readonly limit: number,
    readonly cursor?: string,
    /** Case-insensitive substring of name or SKU. */
    readonly search?: string,
  ) {
    super();
  }
}
