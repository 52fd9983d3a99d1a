/**
 * The inventory context's published language: integration event names and payloads,
 * and the commands/queries other contexts may send it. The only part of this
 * context other contexts may import (enforced by dependency-cruiser).
 */
export * from './inventory.events';
export * from './initialize-stock.command';
export * from './adjust-stock.command';
export * from './get-stock-levels.query';
export * from './stock-level.view';
export * from './stock-levels.view';
