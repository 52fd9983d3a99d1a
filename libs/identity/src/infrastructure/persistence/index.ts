import { IdentitySchema1764150000000 } from './migrations/1764150000000-identity-schema';
import { IdentityLoginThrottles1764150000001 } from './migrations/1764150000001-identity-login-throttles';
import { IdentityAccountTokens1764300000000 } from './migrations/1764300000000-identity-account-tokens';
import { AccountTokenOrmEntity } from './account-token.orm-entity';
import { LoginThrottleOrmEntity } from './login-throttle.orm-entity';
import { RefreshTokenOrmEntity } from './refresh-token.orm-entity';
import { UserOrmEntity } from './user.orm-entity';

/** What ormconfig.ts needs to know about this context's tables. */
export const IDENTITY_ORM_ENTITIES = [UserOrmEntity, RefreshTokenOrmEntity, LoginThrottleOrmEntity, AccountTokenOrmEntity];
export const IDENTITY_MIGRATIONS = [IdentitySchema1764150000000, IdentityLoginThrottles1764150000001, IdentityAccountTokens1764300000000];
