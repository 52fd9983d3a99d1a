/** Integration events identity publishes through the outbox. Payloads are plain JSON. */

/** A person created an account (the envelope's aggregateId is the new user's id). */
export const IDENTITY_USER_REGISTERED = 'identity.user-registered';
export interface UserRegisteredPayload {
  /** Normalised (trimmed, lower-cased). */
  email: string;
  name: string;
}
