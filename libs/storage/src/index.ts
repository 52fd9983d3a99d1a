/**
 * @keel/storage — may import @keel/kernel and @keel/observability only.
 * The `ObjectStorage` port (put, head, get, delete, presigned upload and
 * download, list by prefix), its S3 adapter on the AWS SDK v3 under the
 * platform's OutboundPolicy, the StorageModule that binds it with its readiness
 * entry, and (`@keel/storage/embedded`, not exported here) the embedded S3
 * server that `npm start` and the tests run.
 */
export * from './object-storage.port';
export * from './s3/s3-object-storage';
export * from './s3/s3-settings';
export * from './storage.module';
