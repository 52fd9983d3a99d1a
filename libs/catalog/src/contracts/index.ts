/**
 * The catalog context's published language: integration event names and payloads,
 * and the commands/queries other contexts may send it. The only part of this
 * context other contexts may import (enforced by dependency-cruiser).
 */
export * from './catalog.events';
export * from './get-products-for-order.query';
export * from './product-for-order.view';
