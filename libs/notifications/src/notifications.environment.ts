import { ConfigService } from '@nestjs/config';
import { IsOptional, IsString } from 'class-validator';

/**
 * The environment variables the notifications context owns, validated at boot
 * with the platform's (notificationsContext.settings). Read with `ConfigService<NotificationsEnvironment, true>`.
 */
export class NotificationsEnvironment {
  /** SMTP server for outgoing email; unset: the development mailbox (email-sender.provider.ts). */
  @IsOptional()
  @IsString()
  SMTP_URL?: string;
}

/** Typed access to these variables: inject `ConfigService` as `NotificationsConfig` and call `config.get('NAME', { infer: true })`. */
export type NotificationsConfig = ConfigService<NotificationsEnvironment, true>;
export const NotificationsConfig = ConfigService;
