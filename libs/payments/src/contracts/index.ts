/**
 * The payments context's published language: integration events, payloads and
 * queries other contexts may use. The only part of this context they may import.
 */
export * from './payments.events';
export * from './payment.view';
export * from './list-payments-for-order.query';
