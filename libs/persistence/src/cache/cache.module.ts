import { Module } from '@nestjs/common';
import { AppConfig } from '@keel/kernel';
import { cacheKeyPrefixFor } from './cache-key-prefix';
import { CacheStore } from './cache.store';

/**
 * Provides the process-wide `CacheStore`: an in-process LRU, in front of Redis
 * when `REDIS_URL` is set. Import it in the context modules that cache. Redis
 * connections close with the application.
 */
@Module({
  providers: [
    {
      provide: CacheStore,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const redisUrl = config.get('REDIS_URL', { infer: true });
        return new CacheStore({
          redis: redisUrl ? { url: redisUrl } : undefined,
          keyPrefix: cacheKeyPrefixFor(config.get('DATABASE_URL', { infer: true })),
        });
      },
    },
  ],
  exports: [CacheStore],
})
export class CacheModule {}
