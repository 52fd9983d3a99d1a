import { Command } from '@nestjs/cqrs';

/** Which one-time link an account email carries. */
export type AccountLinkKind = 'verify-email' | 'reset-password';

/** A freshly minted one-time link and where to send it. */
export interface AccountLink {
  userId: string;
  /** The account's current address. */
  email: string;
  /** `<PUBLIC_URL>/verify-email?token=…` or `<PUBLIC_URL>/reset-password?token=…`. */
  url: string;
  /** How long the link works, for the email's wording. */
  validForMinutes: number;
}

/**
 * Mints a one-time token (stored hashed) and returns the link carrying it, at the
 * moment the email is sent: the token exists only in identity's table (hashed) and
 * in the email, never in an event. Null when there is nothing to send (the user is
 * gone, or a verification link was asked for an address verified meanwhile).
 */
export class IssueAccountLinkCommand extends Command<AccountLink | null> {
  constructor(
    readonly userId: string,
    readonly kind: AccountLinkKind,
  ) {
    super();
  }
}
