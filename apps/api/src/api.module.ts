import { Module } from '@nestjs/common';
import { IdentityModule } from '@keel/identity';
import { PlatformModule, readServiceVersion } from '@keel/platform';

/** The HTTP API process: platform plus every bounded context's HTTP surface. */
@Module({
  imports: [PlatformModule.forRoot({ service: { name: 'keel-api', version: readServiceVersion() }, http: true }), IdentityModule],
})
export class ApiModule {}
