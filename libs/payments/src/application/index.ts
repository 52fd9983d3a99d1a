export * from './consumed-events';
export * from './payments-settings';
export * from './ports/payment-provider.port';
export * from './ports/charge-attempts.port';
export * from './consumers/charge-on-payment-requested.consumer';
export * from './consumers/refund-on-order-cancelled.consumer';
export * from './webhooks/handle-webhook.service';
export * from './queries/list-payments-for-order.handler';
