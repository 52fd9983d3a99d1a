import { Global, Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { AppConfig, ReadinessRegistry } from '@keel/kernel';
import { OBJECT_STORAGE } from './object-storage.port';
import { S3ObjectStorage } from './s3/s3-object-storage';
import { StorageHealth } from './storage.health';

/** The S3 adapter, configured from the platform's S3_* variables. */
export const s3ObjectStorageFromConfig = (config: AppConfig): S3ObjectStorage => {
  const accessKeyId = config.get('S3_ACCESS_KEY_ID', { infer: true });
  const secretAccessKey = config.get('S3_SECRET_ACCESS_KEY', { infer: true });
  return new S3ObjectStorage({
    endpoint: config.get('S3_ENDPOINT', { infer: true }),
    publicEndpoint: config.get('S3_PUBLIC_ENDPOINT', { infer: true }),
    region: config.get('S3_REGION', { infer: true }),
    bucket: config.get('S3_BUCKET', { infer: true }),
    forcePathStyle: config.get('S3_FORCE_PATH_STYLE', { infer: true }),
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
  });
};

/**
 * One ObjectStorage per process (`@Inject(OBJECT_STORAGE)`), and its readiness
 * entry: storage is a non-critical dependency, reported `degraded` while it is
 * unreachable but never making the instance unready (orders, payments and
 * reads do not need it; the jobs that do retry with backoff).
 */
@Global()
@Module({
  providers: [{ provide: OBJECT_STORAGE, useFactory: s3ObjectStorageFromConfig, inject: [AppConfig] }, StorageHealth],
  exports: [OBJECT_STORAGE],
})
export class StorageModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(OBJECT_STORAGE) private readonly storage: S3ObjectStorage,
    private readonly readiness: ReadinessRegistry,
    private readonly health: StorageHealth,
  ) {}

  onModuleInit(): void {
    this.readiness.register('storage', () => this.health.check());
  }

  onApplicationShutdown(): void {
    this.storage.destroy();
  }
}
