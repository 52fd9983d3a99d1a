/**
 * The orders context's published language: integration event names and payloads,
 * and the commands/queries other contexts may send it. The only part of this
 * context other contexts may import (enforced by dependency-cruiser).
 */
export * from './orders.events';
