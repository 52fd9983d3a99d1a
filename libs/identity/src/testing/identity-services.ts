import { ConfigService } from '@nestjs/config';
import { type AppConfig } from '@keel/kernel';
import { AccessTokenRevocations, AccessTokenService } from '@keel/http';
import { AccountLinks, LoginLockout, SessionIssuer, SessionRevoker } from '../application';
import type { AccountTokenRepository, LoginDeviceRepository, LoginThrottleRepository, RefreshTokenRepository } from '../domain';
import type { IdentityConfig } from '../identity.environment';
import { InMemoryLoginDeviceRepository } from './login-device.repository.fake';

/** Where the account links of the specs point. */
export const TEST_PUBLIC_URL = 'https://shop.example.com/account';

export const TEST_LOCKOUT = { threshold: 3, floodThreshold: 6, windowSeconds: 900, baseLockSeconds: 60, maxLockSeconds: 3600 };
export const TEST_REFRESH_GRACE_SECONDS = 10;

const config = new ConfigService({
  JWT_SECRET: 'unit-test-secret-that-is-long-enough-for-hs256',
  JWT_ISSUER: 'keel',
  JWT_AUDIENCE: 'keel-api',
  JWT_ACCESS_TTL_SECONDS: 900,
  REFRESH_TOKEN_TTL_SECONDS: 3600,
  REFRESH_TOKEN_REUSE_GRACE_SECONDS: TEST_REFRESH_GRACE_SECONDS,
  LOGIN_LOCKOUT_THRESHOLD: TEST_LOCKOUT.threshold,
  LOGIN_FLOOD_THRESHOLD: TEST_LOCKOUT.floodThreshold,
  LOGIN_LOCKOUT_WINDOW_SECONDS: TEST_LOCKOUT.windowSeconds,
  LOGIN_LOCKOUT_BASE_SECONDS: TEST_LOCKOUT.baseLockSeconds,
  LOGIN_LOCKOUT_MAX_SECONDS: TEST_LOCKOUT.maxLockSeconds,
  PUBLIC_URL: TEST_PUBLIC_URL,
});

/** The identity settings the unit specs run with (TEST_LOCKOUT, TEST_REFRESH_GRACE_SECONDS). */
export const testIdentityConfig = config as unknown as IdentityConfig;

/** The real access-token signer (HS256, in process) with a test key, revocations in process: specs can verify what they got. */
export const testAccessTokens = (revocations = new AccessTokenRevocations()) =>
  new AccessTokenService(config as unknown as AppConfig, revocations);

/** The real SessionIssuer over the given refresh-token fake. */
export const testSessionIssuer = (refreshTokens: RefreshTokenRepository, accessTokens = testAccessTokens()) =>
  new SessionIssuer(accessTokens, refreshTokens, config as unknown as AppConfig);

/** The real SessionRevoker over the given refresh-token fake and in-process revocations. */
export const testSessionRevoker = (
  refreshTokens: RefreshTokenRepository,
  revocations = new AccessTokenRevocations(),
  accessTokens = testAccessTokens(revocations),
) => new SessionRevoker(refreshTokens, revocations, accessTokens);

/** The real LoginLockout over the given fakes, locking a client after TEST_LOCKOUT.threshold failures. */
export const testLoginLockout = (
  throttles: LoginThrottleRepository,
  devices: LoginDeviceRepository = new InMemoryLoginDeviceRepository(),
) => new LoginLockout(throttles, devices, testIdentityConfig);

/** The real AccountLinks over the given token fake, with links under TEST_PUBLIC_URL. */
export const testAccountLinks = (tokens: AccountTokenRepository) => new AccountLinks(tokens, testIdentityConfig);
