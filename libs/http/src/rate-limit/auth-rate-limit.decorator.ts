import { applyDecorators } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';

/** Route-config key read by the auth limiter (registerRateLimits). */
export const AUTH_RATE_LIMIT_CONFIG = 'keelAuthRateLimit';

export interface AuthRateLimitOptions {
  /**
   * The body field that names the account under attack (`email` for
   * registration, `refreshToken` for refresh). Its value is hashed into the
   * counter key, never stored. Omitted: only the per-IP limit applies (login,
   * whose per-account protection is the identity context's lockout, which a
   * stranger cannot turn against the owner).
   */
  accountField?: string;
}

/**
 * The stricter limit for credential endpoints, on top of the global one:
 * AUTH_RATE_LIMIT_MAX_PER_IP per client IP and, with `accountField`,
 * AUTH_RATE_LIMIT_MAX_PER_ACCOUNT per account, whatever the IP, within AUTH_RATE_LIMIT_WINDOW_MS. Checked
 * after the body is parsed, so the account is known.
 */
export const AuthRateLimit = (options: AuthRateLimitOptions) => applyDecorators(RouteConfig({ [AUTH_RATE_LIMIT_CONFIG]: options }));
