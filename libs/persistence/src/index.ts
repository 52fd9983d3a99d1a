/**
 * @keel/persistence — may import @keel/kernel and @keel/observability.
 * The DataSource and its module, the repository bases that join the ambient
 * transaction (and publish an aggregate's events on save), read replicas with
 * read-your-writes, `PgNotificationListener`, and the two-level `CacheStore`
 * (`cache/`, also `@keel/persistence/cache`). The embedded PostgreSQL of
 * `npm start` is `@keel/persistence/embedded`, not exported here.
 */
export * from './database';
export * from './cache';
export * from './audit';
