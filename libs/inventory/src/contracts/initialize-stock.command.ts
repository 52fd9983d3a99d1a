import { Command } from '@nestjs/cqrs';

/**
 * Starts keeping stock for a new product with `quantity` units available.
 * Joins the caller's transaction, so a product and its stock are created
 * together or not at all. 409 `stock-already-initialized` if it exists.
 */
export class InitializeStockCommand extends Command<void> {
  constructor(
    readonly productId: string,
    readonly quantity: number,
  ) {
    super();
  }
}
