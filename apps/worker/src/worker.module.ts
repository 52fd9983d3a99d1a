import { Module } from '@nestjs/common';
import { contextModules, readServiceVersion } from '@keel/kernel';
import { FeatureFlagsModule, PlatformModule } from '@keel/runtime';
import { CONTEXTS } from '../../../contexts';

/**
 * The background worker process: the outbox relay and every context's event
 * consumers (the list in contexts.ts). It runs as a Nest application context
 * (no HTTP routes of the contexts); a small probe server answers health checks.
 */
@Module({
  imports: [
    PlatformModule.forRoot({ service: { name: 'keel-worker', version: readServiceVersion() }, worker: true, contexts: CONTEXTS }),
    FeatureFlagsModule.forRoot(),
    ...contextModules(CONTEXTS, 'worker'),
  ],
})
export class WorkerModule {}
