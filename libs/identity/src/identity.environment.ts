import { ConfigService } from '@nestjs/config';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, Matches, Min, MinLength, ValidateIf } from 'class-validator';

/**
 * The environment variables the identity context owns, validated at boot with
 * the platform's (identityContext.settings). Read with `ConfigService<IdentityEnvironment, true>`.
 */
export class IdentityEnvironment {
  /** The admin account created at boot when both are set (admin-bootstrap.service.ts). */
  @ValidateIf((env: IdentityEnvironment) => env.ADMIN_PASSWORD !== undefined || env.ADMIN_EMAIL !== undefined)
  @IsEmail({}, { message: 'must be an email address (set ADMIN_EMAIL and ADMIN_PASSWORD together)' })
  ADMIN_EMAIL?: string;

  @ValidateIf((env: IdentityEnvironment) => env.ADMIN_PASSWORD !== undefined || env.ADMIN_EMAIL !== undefined)
  @IsString({ message: 'is required with ADMIN_EMAIL' })
  @MinLength(12, { message: 'must be at least 12 characters' })
  ADMIN_PASSWORD?: string;

  /**
   * Where the links in account emails point: `<PUBLIC_URL>/verify-email?token=…` and
   * `<PUBLIC_URL>/reset-password?token=…` (the shop's pages, which post the token to
   * the API). Unset: the API's own address (PUBLIC_BASE_URL, else http://localhost:PORT),
   * which serves small pages at those paths (account-pages.http.controller.ts).
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, { message: 'must be an http:// or https:// URL without query or fragment' })
  PUBLIC_URL?: string;

  /** Failed logins (or password changes) for one email within LOGIN_LOCKOUT_WINDOW_SECONDS that lock it. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_LOCKOUT_THRESHOLD = 5;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_LOCKOUT_WINDOW_SECONDS = 900;

  /** First lock period; each further lock of the same email doubles it, up to LOGIN_LOCKOUT_MAX_SECONDS. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_LOCKOUT_BASE_SECONDS = 60;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_LOCKOUT_MAX_SECONDS = 3600;
}

/** Typed access to these variables: inject `ConfigService` as `IdentityConfig` and call `config.get('NAME', { infer: true })`. */
export type IdentityConfig = ConfigService<IdentityEnvironment, true>;
export const IdentityConfig = ConfigService;
