import { Injectable } from '@nestjs/common';
import { FeatureFlags, type FeatureFlagContext } from './feature-flags.port';
import { FeatureFlagsRuntime } from './feature-flags.runtime';

/** The FeatureFlags port on top of the OpenFeature client (hooks, events and error semantics come from the SDK). */
@Injectable()
export class OpenFeatureFeatureFlags extends FeatureFlags {
  constructor(private readonly runtime: FeatureFlagsRuntime) {
    super();
  }

  async isEnabled(key: string, defaultValue: boolean, context?: FeatureFlagContext): Promise<boolean> {
    const client = this.runtime.client;
    if (!client) return defaultValue;
    return client.getBooleanValue(key, defaultValue, context);
  }
}
