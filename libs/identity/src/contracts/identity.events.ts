/** Integration events identity publishes through the outbox. Payloads are plain JSON. */

/** A person created an account (the envelope's aggregateId is the new user's id). */
export const IDENTITY_USER_REGISTERED = 'identity.user-registered';
export interface UserRegisteredPayload {
  /** Normalised (trimmed, lower-cased). */
  email: string;
  name: string;
}

/** Payload of the account email requests below (the envelope's aggregateId is the user's id). No secret: see IssueAccountLinkCommand. */
export interface AccountEmailRequestedPayload {
  userId: string;
  /** The address at the time of the request (normalised). */
  email: string;
}

/** A new account (or a resend) needs a verification email. */
export const IDENTITY_EMAIL_VERIFICATION_REQUESTED = 'identity.email-verification-requested';
/** Someone registered an address that already has an account: its owner gets a "you already have an account" email. */
export const IDENTITY_REGISTRATION_FOR_EXISTING_ACCOUNT = 'identity.registration-for-existing-account';
/** The owner (or anyone knowing the address) asked for a password reset email. */
export const IDENTITY_PASSWORD_RESET_REQUESTED = 'identity.password-reset-requested';
