export * from './catalog.errors';
export * from './product-snapshot';
export * from './product.entity';
export * from './product-created.domain-event';
export * from './product-updated.domain-event';
export * from './product.repository.port';
