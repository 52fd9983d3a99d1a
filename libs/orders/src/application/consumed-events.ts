/**
 * Events of other contexts that orders reacts to, declared here as orders
 * understands them (a consumer-side contract: orders does not import the
 * producer's code). Keep in step with the inventory context's published payloads.
 */
export const STOCK_RESERVED = 'inventory.stock-reserved';
export interface StockReservedPayload {
  orderId: string;
  reservationId: string;
}

export const STOCK_REJECTED = 'inventory.stock-rejected';
export interface StockRejectedPayload {
  orderId: string;
  /** Human-readable, e.g. "Not enough stock for SKU-1"; becomes the order's statusReason. */
  reason: string;
  productIds: string[];
}

export const PAYMENT_SUCCEEDED = 'payments.payment-succeeded';
export interface PaymentSucceededPayload {
  orderId: string;
  paymentId: string;
}

export const PAYMENT_FAILED = 'payments.payment-failed';
export interface PaymentFailedPayload {
  orderId: string;
  paymentId: string;
  /** Human-readable (e.g. the decline message); becomes the order's statusReason. */
  reason: string;
}
