import { Module } from '@nestjs/common';
import { contextModules, readServiceVersion } from '@keel/kernel';
import { AdminSessionModule, AuditEventsModule, FeatureFlagsModule, PlatformModule } from '@keel/runtime';
import { CONTEXTS } from '../../../contexts';

/** The HTTP API process: platform plus every bounded context's HTTP surface (the list in contexts.ts). */
@Module({
  imports: [
    PlatformModule.forRoot({ service: { name: 'keel-api', version: readServiceVersion() }, http: true, contexts: CONTEXTS }),
    FeatureFlagsModule.forRoot({ http: true }),
    AuditEventsModule,
    AdminSessionModule,
    ...contextModules(CONTEXTS, 'api'),
  ],
})
export class ApiModule {}
