import { FeatureFlags } from '@keel/runtime';

/** The platform's FeatureFlags port in memory: a flag not set answers the caller's default, like the real one. */
export class FakeFeatureFlags extends FeatureFlags {
  private readonly flags = new Map<string, boolean>();

  set(key: string, value: boolean): this {
    this.flags.set(key, value);
    return this;
  }

  async isEnabled(key: string, defaultValue: boolean): Promise<boolean> {
    return this.flags.get(key) ?? defaultValue;
  }
}
