import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FeatureFlagStore } from './feature-flag.store';
import { FeatureFlags } from './feature-flags.port';
import { FeatureFlagsRuntime } from './feature-flags.runtime';
import { FeatureFlagsAdminHttpController } from './http/feature-flags.admin.http.controller';
import { OpenFeatureFeatureFlags } from './openfeature-feature-flags';
import { FEATURE_FLAGS_ORM_ENTITIES } from './persistence';

export interface FeatureFlagsModuleOptions {
  /** HTTP-serving processes expose GET/PUT /admin/feature-flags. */
  http?: boolean;
}

/**
 * Runtime feature flags: OpenFeature with a provider backed by
 * `platform.feature_flags`. Global, so any context's use case can inject the
 * `FeatureFlags` port. Import once per app (API and worker).
 */
@Global()
@Module({})
export class FeatureFlagsModule {
  static forRoot(options: FeatureFlagsModuleOptions = {}): DynamicModule {
    return {
      module: FeatureFlagsModule,
      imports: [TypeOrmModule.forFeature(FEATURE_FLAGS_ORM_ENTITIES)],
      controllers: options.http ? [FeatureFlagsAdminHttpController] : [],
      providers: [FeatureFlagStore, FeatureFlagsRuntime, { provide: FeatureFlags, useClass: OpenFeatureFeatureFlags }],
      exports: [FeatureFlags, FeatureFlagsRuntime],
    };
  }
}
