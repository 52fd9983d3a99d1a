import type { AccountLinkKind } from '../ports/account-links.port';

/**
 * The identity context's account email requests (wire names and payload), declared
 * here like consumed-events.ts so the application layer depends on the published
 * language only; keep in step with @keel/identity/contracts.
 */
export const IDENTITY_EMAIL_VERIFICATION_REQUESTED = 'identity.email-verification-requested';
export const IDENTITY_REGISTRATION_FOR_EXISTING_ACCOUNT = 'identity.registration-for-existing-account';
export const IDENTITY_PASSWORD_RESET_REQUESTED = 'identity.password-reset-requested';
export interface AccountEmailRequestedPayload {
  userId: string;
  email: string;
}

/** The identity events that ask for an account email, with the link each carries and its template. */
export const ACCOUNT_EMAILS: Record<string, { kind: AccountLinkKind; template: string }> = {
  [IDENTITY_EMAIL_VERIFICATION_REQUESTED]: { kind: 'verify-email', template: 'account-verify-email' },
  [IDENTITY_REGISTRATION_FOR_EXISTING_ACCOUNT]: { kind: 'reset-password', template: 'account-already-registered' },
  [IDENTITY_PASSWORD_RESET_REQUESTED]: { kind: 'reset-password', template: 'account-password-reset' },
};

export const ACCOUNT_EMAIL_EVENTS = Object.keys(ACCOUNT_EMAILS);

/** "30 minutes", "24 hours": how long the link works, in the email's words. */
export function describeValidity(minutes: number): string {
  if (minutes % 60 === 0) return minutes === 60 ? '1 hour' : `${minutes / 60} hours`;
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
