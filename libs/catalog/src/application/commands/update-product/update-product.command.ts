import { Command } from '@nestjs/cqrs';
import type { ProductView } from '../../views/product.view';

/** Only the given fields change; `description: null` clears it. */
export class UpdateProductCommand extends Command<ProductView> {
  constructor(
    readonly productId: string,
    readonly changes: {
      name?: string;
      description?: string | null;
      price?: { amount: number; currency: string };
    },
  ) {
    super();
  }
}
