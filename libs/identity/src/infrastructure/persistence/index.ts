import { IdentitySchema1764150000000 } from './migrations/1764150000000-identity-schema';
import { IdentityLoginThrottles1764150000001 } from './migrations/1764150000001-identity-login-throttles';
import { IdentityAccountTokens1764300000000 } from './migrations/1764300000000-identity-account-tokens';
import { AccountTokenOrmEntity } from './account-token.orm-entity';
import { IdentityRefreshSuccessor1764310000000 } from './migrations/1764310000000-identity-refresh-successor';
import { IdentityLoginDevices1764310000001 } from './migrations/1764310000001-identity-login-devices';
import { IdentityAdminPasswordResets1764310000002 } from './migrations/1764310000002-identity-admin-password-resets';
import { AdminPasswordResetOrmEntity } from './admin-password-reset.orm-entity';
import { LoginDeviceOrmEntity } from './login-device.orm-entity';
import { LoginThrottleOrmEntity } from './login-throttle.orm-entity';
import { RefreshTokenOrmEntity } from './refresh-token.orm-entity';
import { UserOrmEntity } from './user.orm-entity';

/** What ormconfig.ts needs to know about this context's tables. */
export const IDENTITY_ORM_ENTITIES = [
  UserOrmEntity,
  RefreshTokenOrmEntity,
  LoginThrottleOrmEntity,
  AccountTokenOrmEntity,
  LoginDeviceOrmEntity,
  AdminPasswordResetOrmEntity,
];
export const IDENTITY_MIGRATIONS = [
  IdentitySchema1764150000000,
  IdentityLoginThrottles1764150000001,
  IdentityAccountTokens1764300000000,
  IdentityRefreshSuccessor1764310000000,
  IdentityLoginDevices1764310000001,
  IdentityAdminPasswordResets1764310000002,
];
