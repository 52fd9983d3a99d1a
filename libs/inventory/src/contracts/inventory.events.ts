/** Integration events inventory publishes through the outbox. Payloads are plain JSON. */

/** Every line of the order is held for it. */
export const INVENTORY_STOCK_RESERVED = 'inventory.stock-reserved';
export interface StockReservedPayload {
  orderId: string;
  reservationId: string;
}

/** The order cannot be fulfilled from stock; nothing is held for it. */
export const INVENTORY_STOCK_REJECTED = 'inventory.stock-rejected';
export interface StockRejectedPayload {
  orderId: string;
  /** For people, e.g. "Not enough stock for product …: requested 3, available 1". */
  reason: string;
  /** The products that were short. */
  productIds: string[];
}
