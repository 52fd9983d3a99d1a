import { Query } from '@nestjs/cqrs';
import type { ProductRepresentation } from '../../views/product.representation';

export class GetProductQuery extends Query<ProductRepresentation> {
  constructor(readonly productId: string) {
    super();
  }
}
