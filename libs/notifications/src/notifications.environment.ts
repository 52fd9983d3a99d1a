import { ConfigService } from '@nestjs/config';
import { IsNotEmpty, IsString, ValidateIf } from 'class-validator';

/**
 * The environment variables the notifications context owns, validated at boot
 * with the platform's (notificationsContext.settings). Read with `ConfigService<NotificationsEnvironment, true>`.
 */
export class NotificationsEnvironment {
  /**
   * SMTP server for outgoing email; unset: the development mailbox (email-sender.provider.ts). Required when
   * NODE_ENV=production: customers' mail must never end up in a table nobody reads. NODE_ENV is the platform's
   * variable, read raw from the object being validated (every context's settings validate the same variables).
   */
  @ValidateIf((env: { NODE_ENV?: string; SMTP_URL?: string }) => env.NODE_ENV === 'production' || env.SMTP_URL !== undefined)
  @IsString({ message: 'must be an smtp:// or smtps:// URL' })
  @IsNotEmpty({ message: 'is required when NODE_ENV=production (an smtp:// or smtps:// URL)' })
  SMTP_URL?: string;
}

/** Typed access to these variables: inject `ConfigService` as `NotificationsConfig` and call `config.get('NAME', { infer: true })`. */
export type NotificationsConfig = ConfigService<NotificationsEnvironment, true>;
export const NotificationsConfig = ConfigService;
