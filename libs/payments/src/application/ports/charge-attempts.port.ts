export const CHARGE_ATTEMPTS_COUNTER = Symbol('CHARGE_ATTEMPTS_COUNTER');

/**
 * Counts charge attempts per order outside the consumer's transaction, so the
 * count survives the rollback of a failed attempt.
 */
export interface ChargeAttemptsCounter {
  increment(orderId: string): Promise<number>;
}
