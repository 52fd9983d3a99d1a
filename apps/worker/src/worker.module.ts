import { Module } from '@nestjs/common';
import { PlatformModule, readServiceVersion } from '@keel/platform';

/**
 * The background worker process. It shares the platform (config, logging,
 * database, health) with the API; queue processors and the outbox relay join
 * it with the order flow.
 */
@Module({
  imports: [PlatformModule.forRoot({ service: { name: 'keel-worker', version: readServiceVersion() } })],
})
export class WorkerModule {}
