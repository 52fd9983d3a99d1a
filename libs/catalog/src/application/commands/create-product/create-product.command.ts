import { Command } from '@nestjs/cqrs';
import type { ProductView } from '../../views/product.view';

export class CreateProductCommand extends Command<ProductView> {
  constructor(
    readonly sku: string,
    readonly name: string,
    readonly description: string | null,
    readonly price: { amount: number; currency: string },
    /** Initial available units. */
    readonly stock: number,
  ) {
    super();
  }
}
