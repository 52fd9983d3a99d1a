export * from './consumed-events';
export * from './commands/initialize-stock/initialize-stock.handler';
export * from './commands/adjust-stock/adjust-stock.handler';
export * from './queries/get-stock-levels/get-stock-levels.handler';
export * from './consumers/reserve-stock-on-order-placed.consumer';
export * from './consumers/release-stock-on-order-cancelled.consumer';
export * from './cache/stock-level.cache';
