import { ConfigService } from '@nestjs/config';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';

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

  /**
   * `true`: make ADMIN_PASSWORD the admin's password at the next boot, once (per ADMIN_PASSWORD value; a flag left set
   * does not revert later changes). Otherwise an existing admin's password is never touched (admin-bootstrap.service.ts).
   */
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'must be true or false' })
  ADMIN_PASSWORD_RESET = false;

  /**
   * Wrong passwords from one client for one email within LOGIN_LOCKOUT_WINDOW_SECONDS that lock that
   * client (by device cookie if it logged into the account before, else by IP) out of that email (ADR 0013).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_LOCKOUT_THRESHOLD = 5;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_LOCKOUT_WINDOW_SECONDS = 900;

  /**
   * Wrong passwords for one email from clients that never logged into it, within LOGIN_LOCKOUT_WINDOW_SECONDS,
   * that slow all such clients down (a distributed attack; the account's known devices are not affected).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_FLOOD_THRESHOLD = 20;

  /** First lock period; each further lock of the same key doubles it, up to LOGIN_LOCKOUT_MAX_SECONDS. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_LOCKOUT_BASE_SECONDS = 60;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_LOCKOUT_MAX_SECONDS = 3600;

  /**
   * A refresh token presented again this long after its rotation gets the pair
   * that rotation issued (a client racing itself, e.g. two tabs) instead of
   * revoking its family. 0 turns the grace off.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60)
  REFRESH_TOKEN_REUSE_GRACE_SECONDS = 10;
}

/** Typed access to these variables: inject `ConfigService` as `IdentityConfig` and call `config.get('NAME', { infer: true })`. */
export type IdentityConfig = ConfigService<IdentityEnvironment, true>;
export const IdentityConfig = ConfigService;
