import { ConfigService } from '@nestjs/config';
import { type AppConfig } from '@keel/kernel';
import { AccessTokenService } from '@keel/http';
import { AccountLinks, LoginLockout, SessionIssuer, UserSessions } from '../application';
import type { AccountTokenRepository, LoginThrottleRepository, RefreshTokenRepository } from '../domain';
import type { IdentityConfig } from '../identity.environment';

/** Where the account links of the specs point. */
export const TEST_PUBLIC_URL = 'https://shop.example.com/account';

export const TEST_LOCKOUT = { threshold: 3, windowSeconds: 900, baseLockSeconds: 60, maxLockSeconds: 3600 };

const config = new ConfigService({
  JWT_SECRET: 'unit-test-secret-that-is-long-enough-for-hs256',
  JWT_ISSUER: 'keel',
  JWT_AUDIENCE: 'keel-api',
  JWT_ACCESS_TTL_SECONDS: 900,
  REFRESH_TOKEN_TTL_SECONDS: 3600,
  LOGIN_LOCKOUT_THRESHOLD: TEST_LOCKOUT.threshold,
  LOGIN_LOCKOUT_WINDOW_SECONDS: TEST_LOCKOUT.windowSeconds,
  LOGIN_LOCKOUT_BASE_SECONDS: TEST_LOCKOUT.baseLockSeconds,
  LOGIN_LOCKOUT_MAX_SECONDS: TEST_LOCKOUT.maxLockSeconds,
  PUBLIC_URL: TEST_PUBLIC_URL,
});

/** The real access-token signer (HS256, in process) with a test key: log-in and refresh specs can verify what they got. */
export const testAccessTokens = () => new AccessTokenService(config as unknown as AppConfig);

/** The real SessionIssuer over the given refresh-token fake. */
export const testSessionIssuer = (refreshTokens: RefreshTokenRepository, accessTokens = testAccessTokens()) =>
  new SessionIssuer(accessTokens, refreshTokens, config as unknown as AppConfig);

/** The real LoginLockout over the given throttle fake, locking after TEST_LOCKOUT.threshold failures. */
export const testLoginLockout = (throttles: LoginThrottleRepository) => new LoginLockout(throttles, config as unknown as IdentityConfig);

/** The real AccountLinks over the given token fake, with links under TEST_PUBLIC_URL. */
export const testAccountLinks = (tokens: AccountTokenRepository) => new AccountLinks(tokens, config as unknown as IdentityConfig);

/** The real UserSessions over the given refresh-token fake. */
export const testUserSessions = (refreshTokens: RefreshTokenRepository) => new UserSessions(refreshTokens);
