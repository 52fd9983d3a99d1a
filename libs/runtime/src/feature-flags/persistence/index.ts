import { FeatureFlagOrmEntity } from './feature-flag.orm-entity';
import { PlatformFeatureFlags1764210000000 } from './migrations/1764210000000-platform-feature-flags';

export const FEATURE_FLAGS_ORM_ENTITIES = [FeatureFlagOrmEntity];
export const FEATURE_FLAGS_MIGRATIONS = [PlatformFeatureFlags1764210000000];
export { FeatureFlagOrmEntity };
export { seedFeatureFlags } from './seed-feature-flags';
