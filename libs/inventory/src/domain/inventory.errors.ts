import { ConflictError, NotFoundError } from '@keel/kernel/domain';

export class InsufficientStockError extends ConflictError {
  override readonly code = 'insufficient-stock';
  constructor(
    readonly productId: string,
    readonly requested: number,
    readonly available: number,
  ) {
    super(`Not enough stock for product ${productId}: requested ${requested}, available ${available}.`);
  }
}

export class StockLimitExceededError extends ConflictError {
  override readonly code = 'stock-limit-exceeded';
  constructor(productId: string, limit: number) {
    super(`Stock of product ${productId} cannot exceed ${limit} units.`);
  }
}

export class StockItemNotFoundError extends NotFoundError {
  override readonly code = 'stock-item-not-found';
  constructor(productId: string) {
    super(`No stock is kept for product ${productId}.`);
  }
}

export class StockAlreadyInitializedError extends ConflictError {
  override readonly code = 'stock-already-initialized';
  constructor(productId: string) {
    super(`Stock of product ${productId} is already initialised.`);
  }
}

/** A reservation for the order already exists (a concurrent delivery won); the job retries and then sees it. */
export class ReservationExistsError extends ConflictError {
  override readonly code = 'reservation-exists';
  constructor(orderId: string) {
    super(`Order ${orderId} already has a reservation.`);
  }
}
